-- (no transaction)
SELECT cuEventID FROM ArchiveCurationHistory
ORDER BY cuEventID DESC
OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY;
-- BeginTransaction(ReadCommitted)
BEGIN TRANSACTION;
-- @comment = 'Ingest detections' (String, DbType.String, size 4000)
-- @cuEventID = 101 (Int32, DbType.Int32)
-- @cuID = 4 (Int16, DbType.Int16)
-- @curator = 'nightly' (String, DbType.String, size 4000)
-- @endTime = 9999-12-31 23:59:59 (DateTime, no DbType)
-- @logFile = '/logs/cu4-2026-03-14.log' (String, DbType.String, size 4000)
-- @resultsFile = 'NONE' (String, DbType.String, size 4000)
-- @rolledBack = 0 (Byte, DbType.Byte)
-- @startTime = 2026-03-14 02:00:00 (DateTime, no DbType)
-- @status = 0 (Byte, DbType.Byte)
-- @timeStamp = 9999-12-31 23:59:59 (DateTime, no DbType)
MERGE INTO [ArchiveCurationHistory] WITH (HOLDLOCK) AS target
USING (SELECT @cuEventID AS [cuEventID], @cuID AS [cuID], @logFile AS [logFile], @resultsFile AS [resultsFile], @timeStamp AS [timeStamp], @curator AS [curator], @comment AS [comment], @rolledBack AS [rolledBack], @startTime AS [startTime], @endTime AS [endTime], @status AS [status]) AS source
ON target.[cuEventID] = source.[cuEventID]
WHEN MATCHED THEN
    UPDATE SET [cuID] = source.[cuID], [logFile] = source.[logFile], [resultsFile] = source.[resultsFile], [timeStamp] = source.[timeStamp], [curator] = source.[curator], [comment] = source.[comment], [rolledBack] = source.[rolledBack], [startTime] = source.[startTime], [endTime] = source.[endTime], [status] = source.[status]
WHEN NOT MATCHED THEN
    INSERT ([cuEventID], [cuID], [logFile], [resultsFile], [timeStamp], [curator], [comment], [rolledBack], [startTime], [endTime], [status]) VALUES (source.[cuEventID], source.[cuID], source.[logFile], source.[resultsFile], source.[timeStamp], source.[curator], source.[comment], source.[rolledBack], source.[startTime], source.[endTime], source.[status]);
SELECT * FROM [Programme];
-- @cuEventID = 101 (Int32, DbType.Int32)
-- @programmeID = 101 (Int32, DbType.Int32)
-- @status = 1 (Byte, DbType.Byte)
-- @timeStamp = 2026-03-14 02:47:12 (DateTime, no DbType)
MERGE INTO [ProgrammeCurationHistory] WITH (HOLDLOCK) AS target
USING (SELECT @cuEventID AS [cuEventID], @programmeID AS [programmeID], @timeStamp AS [timeStamp], @status AS [status]) AS source
ON target.[cuEventID] = source.[cuEventID] AND target.[programmeID] = source.[programmeID]
WHEN NOT MATCHED THEN
    INSERT ([cuEventID], [programmeID], [timeStamp], [status]) VALUES (source.[cuEventID], source.[programmeID], source.[timeStamp], source.[status]);
-- @cuEventID = 101 (Int32, DbType.Int32)
-- @endTime = 2026-03-14 02:47:12 (DateTime, no DbType)
-- @status = 1 (Byte, DbType.Byte)
-- @timeStamp = 2026-03-14 02:47:12 (DateTime, no DbType)
MERGE INTO [ArchiveCurationHistory] WITH (HOLDLOCK) AS target
USING (SELECT @cuEventID AS [cuEventID], @endTime AS [endTime], @timeStamp AS [timeStamp], @status AS [status]) AS source
ON target.[cuEventID] = source.[cuEventID]
WHEN MATCHED THEN
    UPDATE SET [endTime] = source.[endTime], [timeStamp] = source.[timeStamp], [status] = source.[status]
WHEN NOT MATCHED THEN
    INSERT ([cuEventID], [endTime], [timeStamp], [status]) VALUES (source.[cuEventID], source.[endTime], source.[timeStamp], source.[status]);
COMMIT TRANSACTION;
