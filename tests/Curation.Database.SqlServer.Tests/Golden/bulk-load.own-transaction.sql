-- SqlServerBulkLoader into [Detection], 9 columns, in a transaction of its own.
-- BulkLoader.Open first reads the live table (SqlServerLiveSchema.Query) and compares it with the scripts.
-- SqlConnection.BeginTransaction:
BEGIN TRANSACTION;
-- new SqlBulkCopy(connection, options, transaction); AddRow buffers 10000 rows, then WriteToServer(IDataReader over them):
--   DestinationTableName  [Detection]
--   SqlBulkCopyOptions    KeepIdentity, CheckConstraints, TableLock, KeepNulls, FireTriggers
--   BatchSize             10000
--   BulkCopyTimeout       600 s
--   EnableStreaming       False
--   ColumnMappings        source -> destination: SQL Server type, .NET type of the values
--     objID        -> objID       : bigint NOT NULL, Int64
--     multiframeID -> multiFrameID: bigint NOT NULL, Int64
--     extNum       -> extNum      : tinyint NOT NULL, Byte
--     ra           -> ra          : float NOT NULL, Double
--     dec          -> dec         : float NOT NULL, Double
--     aperMag3     -> aperMag3    : real NOT NULL, Single
--     classStat    -> classStat   : real, Single
--     filterName   -> filterName  : varchar(8) NOT NULL, String (at most 8)
--     eventID      -> eventID     : int NOT NULL, Int32
-- Complete: WriteToServer of the rows still buffered, then
-- SqlTransaction.Commit:
COMMIT TRANSACTION;
-- Dispose without Complete:
ROLLBACK TRANSACTION;
