-- Page(query, "cuEventID", offset: 200, limit: 100)
SELECT cuEventID, cuID, status FROM ArchiveCurationHistory WHERE status = @status
ORDER BY cuEventID
OFFSET 200 ROWS FETCH NEXT 100 ROWS ONLY

-- Page(query, "cuEventID DESC", offset: 0, limit: 1): the latest event
SELECT cuEventID FROM ArchiveCurationHistory
ORDER BY cuEventID DESC
OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY

-- Upsert(ArchiveCurationHistory, key cuEventID, every other column updated)
MERGE INTO [ArchiveCurationHistory] WITH (HOLDLOCK) AS target
USING (SELECT @cuEventID AS [cuEventID], @cuID AS [cuID], @logFile AS [logFile], @resultsFile AS [resultsFile], @timeStamp AS [timeStamp], @curator AS [curator], @comment AS [comment], @rolledBack AS [rolledBack], @startTime AS [startTime], @endTime AS [endTime], @status AS [status]) AS source
ON target.[cuEventID] = source.[cuEventID]
WHEN MATCHED THEN
    UPDATE SET [cuID] = source.[cuID], [logFile] = source.[logFile], [resultsFile] = source.[resultsFile], [timeStamp] = source.[timeStamp], [curator] = source.[curator], [comment] = source.[comment], [rolledBack] = source.[rolledBack], [startTime] = source.[startTime], [endTime] = source.[endTime], [status] = source.[status]
WHEN NOT MATCHED THEN
    INSERT ([cuEventID], [cuID], [logFile], [resultsFile], [timeStamp], [curator], [comment], [rolledBack], [startTime], [endTime], [status]) VALUES (source.[cuEventID], source.[cuID], source.[logFile], source.[resultsFile], source.[timeStamp], source.[curator], source.[comment], source.[rolledBack], source.[startTime], source.[endTime], source.[status]);

-- Upsert(ArchiveCurationHistory, key cuEventID, the end of a run: status and endTime updated)
MERGE INTO [ArchiveCurationHistory] WITH (HOLDLOCK) AS target
USING (SELECT @cuEventID AS [cuEventID], @status AS [status], @endTime AS [endTime]) AS source
ON target.[cuEventID] = source.[cuEventID]
WHEN MATCHED THEN
    UPDATE SET [status] = source.[status], [endTime] = source.[endTime]
WHEN NOT MATCHED THEN
    INSERT ([cuEventID], [status], [endTime]) VALUES (source.[cuEventID], source.[status], source.[endTime]);

-- Upsert(ProgrammeCurationHistory, key (cuEventID, programmeID), no column to update)
MERGE INTO [ProgrammeCurationHistory] WITH (HOLDLOCK) AS target
USING (SELECT @cuEventID AS [cuEventID], @programmeID AS [programmeID]) AS source
ON target.[cuEventID] = source.[cuEventID] AND target.[programmeID] = source.[programmeID]
WHEN NOT MATCHED THEN
    INSERT ([cuEventID], [programmeID]) VALUES (source.[cuEventID], source.[programmeID]);

-- Upsert(GES.Target, key targetID, a table in a schema)
MERGE INTO [GES].[Target] WITH (HOLDLOCK) AS target
USING (SELECT @targetID AS [targetID], @name AS [name], @ra AS [ra], @dec AS [dec]) AS source
ON target.[targetID] = source.[targetID]
WHEN MATCHED THEN
    UPDATE SET [name] = source.[name], [ra] = source.[ra], [dec] = source.[dec]
WHEN NOT MATCHED THEN
    INSERT ([targetID], [name], [ra], [dec]) VALUES (source.[targetID], source.[name], source.[ra], source.[dec]);

-- InsertIfMissing(ProgrammeCurationHistory, key (cuEventID, programmeID))
MERGE INTO [ProgrammeCurationHistory] WITH (HOLDLOCK) AS target
USING (SELECT @cuEventID AS [cuEventID], @programmeID AS [programmeID], @timeStamp AS [timeStamp], @status AS [status]) AS source
ON target.[cuEventID] = source.[cuEventID] AND target.[programmeID] = source.[programmeID]
WHEN NOT MATCHED THEN
    INSERT ([cuEventID], [programmeID], [timeStamp], [status]) VALUES (source.[cuEventID], source.[programmeID], source.[timeStamp], source.[status]);

-- InsertIfMissing(Programme, key programmeID): a reference row of schema-sql/data
MERGE INTO [Programme] WITH (HOLDLOCK) AS target
USING (SELECT @programmeID AS [programmeID], @surveyID AS [surveyID], @title AS [title], @description AS [description], @acronym AS [acronym], @dfsIDString AS [dfsIDString], @tablePrefix AS [tablePrefix], @pairingCriterion AS [pairingCriterion], @propPeriod AS [propPeriod], @isNonSurvey AS [isNonSurvey], @reference AS [reference]) AS source
ON target.[programmeID] = source.[programmeID]
WHEN NOT MATCHED THEN
    INSERT ([programmeID], [surveyID], [title], [description], [acronym], [dfsIDString], [tablePrefix], [pairingCriterion], [propPeriod], [isNonSurvey], [reference]) VALUES (source.[programmeID], source.[surveyID], source.[title], source.[description], source.[acronym], source.[dfsIDString], source.[tablePrefix], source.[pairingCriterion], source.[propPeriod], source.[isNonSurvey], source.[reference]);

