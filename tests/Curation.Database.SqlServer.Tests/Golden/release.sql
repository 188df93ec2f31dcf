-- 1. The copy, on master.

-- does the release database exist already? (@name)
SELECT COUNT(*) FROM sys.databases WHERE name = @name;

-- the server's default directories
SELECT CAST(SERVERPROPERTY('InstanceDefaultBackupPath') AS nvarchar(4000)), CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS nvarchar(4000)), CAST(SERVERPROPERTY('InstanceDefaultLogPath') AS nvarchar(4000));

-- the curation database's files (@db)
SELECT name, type_desc FROM sys.master_files WHERE database_id = DB_ID(@db) ORDER BY file_id;

-- backing up the curation database
BACKUP DATABASE [WSA] TO DISK = N'D:\Backup\WSA_ukidss_dr1.bak' WITH COPY_ONLY, INIT, CHECKSUM;

-- restoring it as the partial release
RESTORE DATABASE [WSA_ukidss_dr1_partial] FROM DISK = N'D:\Backup\WSA_ukidss_dr1.bak' WITH MOVE N'WSA' TO N'E:\Data\WSA_ukidss_dr1.mdf', MOVE N'WSA_detections' TO N'E:\Data\WSA_ukidss_dr1_2.ndf', MOVE N'WSA_log' TO N'F:\Logs\WSA_ukidss_dr1_log.ldf', CHECKSUM, RECOVERY;

-- 2. The trim, on the partial release, in one transaction.

-- creating the work table ReleaseTrimFrame
CREATE TABLE [ReleaseTrimFrame] ([multiframeID] bigint NOT NULL PRIMARY KEY);

-- dropping the foreign key fk_Multiframe_ArchivedFile of Multiframe
ALTER TABLE [Multiframe] DROP CONSTRAINT [fk_Multiframe_ArchivedFile];

-- dropping the foreign key fk_Multiframe_ArchiveCurationHistory of Multiframe
ALTER TABLE [Multiframe] DROP CONSTRAINT [fk_Multiframe_ArchiveCurationHistory];

-- dropping the foreign key fk_MultiframeDetector_Multiframe of MultiframeDetector
ALTER TABLE [MultiframeDetector] DROP CONSTRAINT [fk_MultiframeDetector_Multiframe];

-- dropping the foreign key fk_CurrentAstrometry_MultiframeDetector of CurrentAstrometry
ALTER TABLE [CurrentAstrometry] DROP CONSTRAINT [fk_CurrentAstrometry_MultiframeDetector];

-- dropping the foreign key fk_Provenance_Combined of Provenance
ALTER TABLE [Provenance] DROP CONSTRAINT [fk_Provenance_Combined];

-- dropping the foreign key fk_Provenance_Component of Provenance
ALTER TABLE [Provenance] DROP CONSTRAINT [fk_Provenance_Component];

-- dropping the foreign key fk_ProgrammeFrame_Multiframe of ProgrammeFrame
ALTER TABLE [ProgrammeFrame] DROP CONSTRAINT [fk_ProgrammeFrame_Multiframe];

-- dropping the foreign key fk_HeaderCard_Multiframe of HeaderCard
ALTER TABLE [HeaderCard] DROP CONSTRAINT [fk_HeaderCard_Multiframe];

-- dropping the foreign key fk_lasSourceNeighbours_Master of lasSourceNeighbours
ALTER TABLE [lasSourceNeighbours] DROP CONSTRAINT [fk_lasSourceNeighbours_Master];

-- dropping the foreign key fk_lasSourceNeighbours_Slave of lasSourceNeighbours
ALTER TABLE [lasSourceNeighbours] DROP CONSTRAINT [fk_lasSourceNeighbours_Slave];

-- dropping the foreign key fk_gpsSourceNeighbours_Master of gpsSourceNeighbours
ALTER TABLE [gpsSourceNeighbours] DROP CONSTRAINT [fk_gpsSourceNeighbours_Master];

-- dropping the foreign key fk_gpsSourceNeighbours_Slave of gpsSourceNeighbours
ALTER TABLE [gpsSourceNeighbours] DROP CONSTRAINT [fk_gpsSourceNeighbours_Slave];

-- dropping the foreign key fk_lasSourceXtwomass_psc_Master of lasSourceXtwomass_psc
ALTER TABLE [lasSourceXtwomass_psc] DROP CONSTRAINT [fk_lasSourceXtwomass_psc_Master];

-- dropping the foreign key fk_lasDetection_MultiframeDetector of lasDetection
ALTER TABLE [lasDetection] DROP CONSTRAINT [fk_lasDetection_MultiframeDetector];

-- dropping the foreign key fk_gpsDetection_MultiframeDetector of gpsDetection
ALTER TABLE [gpsDetection] DROP CONSTRAINT [fk_gpsDetection_MultiframeDetector];

-- dropping the foreign key fk_lasSource_lasMergeLog of lasSource
ALTER TABLE [lasSource] DROP CONSTRAINT [fk_lasSource_lasMergeLog];

-- dropping the foreign key fk_gpsSource_gpsMergeLog of gpsSource
ALTER TABLE [gpsSource] DROP CONSTRAINT [fk_gpsSource_gpsMergeLog];

-- listing the frames left out, 3 at a time here (500 in a real run)
INSERT INTO [ReleaseTrimFrame] ([multiframeID]) VALUES (@m0), (@m1), (@m2);

-- dropping the curation-only table ProgrammeCurationHistory
DROP TABLE [ProgrammeCurationHistory];

-- dropping the curation-only table ArchivedFile
DROP TABLE [ArchivedFile];

-- dropping the curation-only table ArchiveCurationHistory
DROP TABLE [ArchiveCurationHistory];

-- dropping the curation-only table CurationTask
DROP TABLE [CurationTask];

-- deleting the frames left out from Multiframe
DELETE FROM [Multiframe] WHERE [multiframeID] IN (SELECT [multiframeID] FROM [ReleaseTrimFrame]);

-- deleting the rows of MultiframeDetector whose multiframeID is no longer in Multiframe
DELETE FROM [MultiframeDetector] WHERE NOT EXISTS (SELECT 1 FROM [Multiframe] parent WHERE parent.[multiframeID] = [MultiframeDetector].[multiframeID]);

-- deleting the rows of CurrentAstrometry whose multiframeID, extNum are no longer in MultiframeDetector
DELETE FROM [CurrentAstrometry] WHERE NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [CurrentAstrometry].[multiframeID] AND parent.[extNum] = [CurrentAstrometry].[extNum]);

-- deleting the rows of Provenance whose combinedframeID is no longer in Multiframe
DELETE FROM [Provenance] WHERE NOT EXISTS (SELECT 1 FROM [Multiframe] parent WHERE parent.[multiframeID] = [Provenance].[combinedframeID]);

-- deleting the rows of Provenance whose multiframeID is no longer in Multiframe
DELETE FROM [Provenance] WHERE NOT EXISTS (SELECT 1 FROM [Multiframe] parent WHERE parent.[multiframeID] = [Provenance].[multiframeID]);

-- deleting the rows of ProgrammeFrame whose multiframeID is no longer in Multiframe
DELETE FROM [ProgrammeFrame] WHERE NOT EXISTS (SELECT 1 FROM [Multiframe] parent WHERE parent.[multiframeID] = [ProgrammeFrame].[multiframeID]);

-- deleting the rows of HeaderCard whose multiframeID is no longer in Multiframe
DELETE FROM [HeaderCard] WHERE NOT EXISTS (SELECT 1 FROM [Multiframe] parent WHERE parent.[multiframeID] = [HeaderCard].[multiframeID]);

-- deleting the rows of lasDetection whose multiframeID, extNum are no longer in MultiframeDetector
DELETE FROM [lasDetection] WHERE NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [lasDetection].[multiframeID] AND parent.[extNum] = [lasDetection].[extNum]);

-- deleting the rows of gpsDetection whose multiframeID, extNum are no longer in MultiframeDetector
DELETE FROM [gpsDetection] WHERE NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [gpsDetection].[multiframeID] AND parent.[extNum] = [gpsDetection].[extNum]);

-- deleting the rows of lasMergeLog whose zmfID, zeNum are no longer in MultiframeDetector
DELETE FROM [lasMergeLog] WHERE [zmfID] <> -99999999 AND NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [lasMergeLog].[zmfID] AND parent.[extNum] = [lasMergeLog].[zeNum]);

-- deleting the rows of lasMergeLog whose ymfID, yeNum are no longer in MultiframeDetector
DELETE FROM [lasMergeLog] WHERE [ymfID] <> -99999999 AND NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [lasMergeLog].[ymfID] AND parent.[extNum] = [lasMergeLog].[yeNum]);

-- deleting the rows of lasMergeLog whose jmfID, jeNum are no longer in MultiframeDetector
DELETE FROM [lasMergeLog] WHERE [jmfID] <> -99999999 AND NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [lasMergeLog].[jmfID] AND parent.[extNum] = [lasMergeLog].[jeNum]);

-- deleting the rows of lasMergeLog whose hmfID, heNum are no longer in MultiframeDetector
DELETE FROM [lasMergeLog] WHERE [hmfID] <> -99999999 AND NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [lasMergeLog].[hmfID] AND parent.[extNum] = [lasMergeLog].[heNum]);

-- deleting the rows of lasMergeLog whose kmfID, keNum are no longer in MultiframeDetector
DELETE FROM [lasMergeLog] WHERE [kmfID] <> -99999999 AND NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [lasMergeLog].[kmfID] AND parent.[extNum] = [lasMergeLog].[keNum]);

-- deleting the rows of gpsMergeLog whose zmfID, zeNum are no longer in MultiframeDetector
DELETE FROM [gpsMergeLog] WHERE [zmfID] <> -99999999 AND NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [gpsMergeLog].[zmfID] AND parent.[extNum] = [gpsMergeLog].[zeNum]);

-- deleting the rows of gpsMergeLog whose ymfID, yeNum are no longer in MultiframeDetector
DELETE FROM [gpsMergeLog] WHERE [ymfID] <> -99999999 AND NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [gpsMergeLog].[ymfID] AND parent.[extNum] = [gpsMergeLog].[yeNum]);

-- deleting the rows of gpsMergeLog whose jmfID, jeNum are no longer in MultiframeDetector
DELETE FROM [gpsMergeLog] WHERE [jmfID] <> -99999999 AND NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [gpsMergeLog].[jmfID] AND parent.[extNum] = [gpsMergeLog].[jeNum]);

-- deleting the rows of gpsMergeLog whose hmfID, heNum are no longer in MultiframeDetector
DELETE FROM [gpsMergeLog] WHERE [hmfID] <> -99999999 AND NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [gpsMergeLog].[hmfID] AND parent.[extNum] = [gpsMergeLog].[heNum]);

-- deleting the rows of gpsMergeLog whose kmfID, keNum are no longer in MultiframeDetector
DELETE FROM [gpsMergeLog] WHERE [kmfID] <> -99999999 AND NOT EXISTS (SELECT 1 FROM [MultiframeDetector] parent WHERE parent.[multiframeID] = [gpsMergeLog].[kmfID] AND parent.[extNum] = [gpsMergeLog].[keNum]);

-- deleting the rows of lasSource whose frameSetID is no longer in lasMergeLog
DELETE FROM [lasSource] WHERE NOT EXISTS (SELECT 1 FROM [lasMergeLog] parent WHERE parent.[frameSetID] = [lasSource].[frameSetID]);

-- deleting the rows of lasSourceNeighbours whose masterObjID is no longer in lasSource
DELETE FROM [lasSourceNeighbours] WHERE NOT EXISTS (SELECT 1 FROM [lasSource] parent WHERE parent.[sourceID] = [lasSourceNeighbours].[masterObjID]);

-- deleting the rows of lasSourceNeighbours whose slaveObjID is no longer in lasSource
DELETE FROM [lasSourceNeighbours] WHERE NOT EXISTS (SELECT 1 FROM [lasSource] parent WHERE parent.[sourceID] = [lasSourceNeighbours].[slaveObjID]);

-- deleting the rows of lasSourceXtwomass_psc whose masterObjID is no longer in lasSource
DELETE FROM [lasSourceXtwomass_psc] WHERE NOT EXISTS (SELECT 1 FROM [lasSource] parent WHERE parent.[sourceID] = [lasSourceXtwomass_psc].[masterObjID]);

-- deleting the rows of gpsSource whose frameSetID is no longer in gpsMergeLog
DELETE FROM [gpsSource] WHERE NOT EXISTS (SELECT 1 FROM [gpsMergeLog] parent WHERE parent.[frameSetID] = [gpsSource].[frameSetID]);

-- deleting the rows of gpsSourceNeighbours whose masterObjID is no longer in gpsSource
DELETE FROM [gpsSourceNeighbours] WHERE NOT EXISTS (SELECT 1 FROM [gpsSource] parent WHERE parent.[sourceID] = [gpsSourceNeighbours].[masterObjID]);

-- deleting the rows of gpsSourceNeighbours whose slaveObjID is no longer in gpsSource
DELETE FROM [gpsSourceNeighbours] WHERE NOT EXISTS (SELECT 1 FROM [gpsSource] parent WHERE parent.[sourceID] = [gpsSourceNeighbours].[slaveObjID]);

-- adding back the foreign key fk_MultiframeDetector_Multiframe of MultiframeDetector (checking every row left)
ALTER TABLE [MultiframeDetector] ADD CONSTRAINT [fk_MultiframeDetector_Multiframe] FOREIGN KEY ([multiframeID]) REFERENCES [Multiframe] ([multiframeID]);

-- adding back the foreign key fk_CurrentAstrometry_MultiframeDetector of CurrentAstrometry (checking every row left)
ALTER TABLE [CurrentAstrometry] ADD CONSTRAINT [fk_CurrentAstrometry_MultiframeDetector] FOREIGN KEY ([multiframeID], [extNum]) REFERENCES [MultiframeDetector] ([multiframeID], [extNum]);

-- adding back the foreign key fk_Provenance_Combined of Provenance (checking every row left)
ALTER TABLE [Provenance] ADD CONSTRAINT [fk_Provenance_Combined] FOREIGN KEY ([combinedframeID]) REFERENCES [Multiframe] ([multiframeID]);

-- adding back the foreign key fk_Provenance_Component of Provenance (checking every row left)
ALTER TABLE [Provenance] ADD CONSTRAINT [fk_Provenance_Component] FOREIGN KEY ([multiframeID]) REFERENCES [Multiframe] ([multiframeID]);

-- adding back the foreign key fk_ProgrammeFrame_Multiframe of ProgrammeFrame (checking every row left)
ALTER TABLE [ProgrammeFrame] ADD CONSTRAINT [fk_ProgrammeFrame_Multiframe] FOREIGN KEY ([multiframeID]) REFERENCES [Multiframe] ([multiframeID]);

-- adding back the foreign key fk_HeaderCard_Multiframe of HeaderCard (checking every row left)
ALTER TABLE [HeaderCard] ADD CONSTRAINT [fk_HeaderCard_Multiframe] FOREIGN KEY ([multiframeID]) REFERENCES [Multiframe] ([multiframeID]);

-- adding back the foreign key fk_lasSourceNeighbours_Master of lasSourceNeighbours (checking every row left)
ALTER TABLE [lasSourceNeighbours] ADD CONSTRAINT [fk_lasSourceNeighbours_Master] FOREIGN KEY ([masterObjID]) REFERENCES [lasSource] ([sourceID]);

-- adding back the foreign key fk_lasSourceNeighbours_Slave of lasSourceNeighbours (checking every row left)
ALTER TABLE [lasSourceNeighbours] ADD CONSTRAINT [fk_lasSourceNeighbours_Slave] FOREIGN KEY ([slaveObjID]) REFERENCES [lasSource] ([sourceID]);

-- adding back the foreign key fk_gpsSourceNeighbours_Master of gpsSourceNeighbours (checking every row left)
ALTER TABLE [gpsSourceNeighbours] ADD CONSTRAINT [fk_gpsSourceNeighbours_Master] FOREIGN KEY ([masterObjID]) REFERENCES [gpsSource] ([sourceID]);

-- adding back the foreign key fk_gpsSourceNeighbours_Slave of gpsSourceNeighbours (checking every row left)
ALTER TABLE [gpsSourceNeighbours] ADD CONSTRAINT [fk_gpsSourceNeighbours_Slave] FOREIGN KEY ([slaveObjID]) REFERENCES [gpsSource] ([sourceID]);

-- adding back the foreign key fk_lasSourceXtwomass_psc_Master of lasSourceXtwomass_psc (checking every row left)
ALTER TABLE [lasSourceXtwomass_psc] ADD CONSTRAINT [fk_lasSourceXtwomass_psc_Master] FOREIGN KEY ([masterObjID]) REFERENCES [lasSource] ([sourceID]);

-- adding back the foreign key fk_lasDetection_MultiframeDetector of lasDetection (checking every row left)
ALTER TABLE [lasDetection] ADD CONSTRAINT [fk_lasDetection_MultiframeDetector] FOREIGN KEY ([multiframeID], [extNum]) REFERENCES [MultiframeDetector] ([multiframeID], [extNum]);

-- adding back the foreign key fk_gpsDetection_MultiframeDetector of gpsDetection (checking every row left)
ALTER TABLE [gpsDetection] ADD CONSTRAINT [fk_gpsDetection_MultiframeDetector] FOREIGN KEY ([multiframeID], [extNum]) REFERENCES [MultiframeDetector] ([multiframeID], [extNum]);

-- adding back the foreign key fk_lasSource_lasMergeLog of lasSource (checking every row left)
ALTER TABLE [lasSource] ADD CONSTRAINT [fk_lasSource_lasMergeLog] FOREIGN KEY ([frameSetID]) REFERENCES [lasMergeLog] ([frameSetID]);

-- adding back the foreign key fk_gpsSource_gpsMergeLog of gpsSource (checking every row left)
ALTER TABLE [gpsSource] ADD CONSTRAINT [fk_gpsSource_gpsMergeLog] FOREIGN KEY ([frameSetID]) REFERENCES [gpsMergeLog] ([frameSetID]);

-- dropping the work table ReleaseTrimFrame
DROP TABLE [ReleaseTrimFrame];

-- 3. CU18 on the release: each index of the scripts on its tables, unless there.

-- creating ix_Programme_dfsIDString
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Programme_dfsIDString' AND object_id = OBJECT_ID(N'[Programme]'))
    CREATE UNIQUE NONCLUSTERED INDEX [ix_Programme_dfsIDString] ON [Programme] ([dfsIDString]);

-- creating ix_Programme_tablePrefix
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Programme_tablePrefix' AND object_id = OBJECT_ID(N'[Programme]'))
    CREATE NONCLUSTERED INDEX [ix_Programme_tablePrefix] ON [Programme] ([tablePrefix]);

-- creating ix_Filter_shortName
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Filter_shortName' AND object_id = OBJECT_ID(N'[Filter]'))
    CREATE UNIQUE NONCLUSTERED INDEX [ix_Filter_shortName] ON [Filter] ([shortName]);

-- creating ix_Multiframe_fileID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Multiframe_fileID' AND object_id = OBJECT_ID(N'[Multiframe]'))
    CREATE UNIQUE NONCLUSTERED INDEX [ix_Multiframe_fileID] ON [Multiframe] ([fileID]);

-- creating ix_Multiframe_programmeID_filterID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Multiframe_programmeID_filterID' AND object_id = OBJECT_ID(N'[Multiframe]'))
    CREATE NONCLUSTERED INDEX [ix_Multiframe_programmeID_filterID] ON [Multiframe] ([programmeID], [filterID]);

-- creating ix_Multiframe_utDate
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Multiframe_utDate' AND object_id = OBJECT_ID(N'[Multiframe]'))
    CREATE NONCLUSTERED INDEX [ix_Multiframe_utDate] ON [Multiframe] ([utDate]);

-- creating ix_Multiframe_mjdObs
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Multiframe_mjdObs' AND object_id = OBJECT_ID(N'[Multiframe]'))
    CREATE NONCLUSTERED INDEX [ix_Multiframe_mjdObs] ON [Multiframe] ([mjdObs]);

-- creating ix_Multiframe_cuEventID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Multiframe_cuEventID' AND object_id = OBJECT_ID(N'[Multiframe]'))
    CREATE NONCLUSTERED INDEX [ix_Multiframe_cuEventID] ON [Multiframe] ([cuEventID]);

-- creating ix_MultiframeDetector_filterID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_MultiframeDetector_filterID' AND object_id = OBJECT_ID(N'[MultiframeDetector]'))
    CREATE NONCLUSTERED INDEX [ix_MultiframeDetector_filterID] ON [MultiframeDetector] ([filterID]);

-- creating ix_CurrentAstrometry_htmID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_CurrentAstrometry_htmID' AND object_id = OBJECT_ID(N'[CurrentAstrometry]'))
    CREATE NONCLUSTERED INDEX [ix_CurrentAstrometry_htmID] ON [CurrentAstrometry] ([htmID]);

-- creating ix_CurrentAstrometry_centralDec_centralRA
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_CurrentAstrometry_centralDec_centralRA' AND object_id = OBJECT_ID(N'[CurrentAstrometry]'))
    CREATE NONCLUSTERED INDEX [ix_CurrentAstrometry_centralDec_centralRA] ON [CurrentAstrometry] ([centralDec], [centralRA]);

-- creating ix_Provenance_multiframeID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Provenance_multiframeID' AND object_id = OBJECT_ID(N'[Provenance]'))
    CREATE NONCLUSTERED INDEX [ix_Provenance_multiframeID] ON [Provenance] ([multiframeID]);

-- creating ix_ProgrammeFrame_multiframeID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_ProgrammeFrame_multiframeID' AND object_id = OBJECT_ID(N'[ProgrammeFrame]'))
    CREATE NONCLUSTERED INDEX [ix_ProgrammeFrame_multiframeID] ON [ProgrammeFrame] ([multiframeID]);

-- creating ix_HeaderCard_keyword
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_HeaderCard_keyword' AND object_id = OBJECT_ID(N'[HeaderCard]'))
    CREATE NONCLUSTERED INDEX [ix_HeaderCard_keyword] ON [HeaderCard] ([keyword]);

-- creating ix_lasDetection_objID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasDetection_objID' AND object_id = OBJECT_ID(N'[lasDetection]'))
    CREATE UNIQUE NONCLUSTERED INDEX [ix_lasDetection_objID] ON [lasDetection] ([objID]);

-- creating ix_gpsDetection_objID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsDetection_objID' AND object_id = OBJECT_ID(N'[gpsDetection]'))
    CREATE UNIQUE NONCLUSTERED INDEX [ix_gpsDetection_objID] ON [gpsDetection] ([objID]);

-- creating ix_lasDetection_htmID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasDetection_htmID' AND object_id = OBJECT_ID(N'[lasDetection]'))
    CREATE NONCLUSTERED INDEX [ix_lasDetection_htmID] ON [lasDetection] ([htmID]);

-- creating ix_gpsDetection_htmID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsDetection_htmID' AND object_id = OBJECT_ID(N'[gpsDetection]'))
    CREATE NONCLUSTERED INDEX [ix_gpsDetection_htmID] ON [gpsDetection] ([htmID]);

-- creating ix_lasDetection_dec_ra
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasDetection_dec_ra' AND object_id = OBJECT_ID(N'[lasDetection]'))
    CREATE NONCLUSTERED INDEX [ix_lasDetection_dec_ra] ON [lasDetection] ([dec], [ra]);

-- creating ix_gpsDetection_dec_ra
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsDetection_dec_ra' AND object_id = OBJECT_ID(N'[gpsDetection]'))
    CREATE NONCLUSTERED INDEX [ix_gpsDetection_dec_ra] ON [gpsDetection] ([dec], [ra]);

-- creating ix_lasDetection_filterID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasDetection_filterID' AND object_id = OBJECT_ID(N'[lasDetection]'))
    CREATE NONCLUSTERED INDEX [ix_lasDetection_filterID] ON [lasDetection] ([filterID]);

-- creating ix_gpsDetection_filterID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsDetection_filterID' AND object_id = OBJECT_ID(N'[gpsDetection]'))
    CREATE NONCLUSTERED INDEX [ix_gpsDetection_filterID] ON [gpsDetection] ([filterID]);

-- creating ix_lasMergeLog_jmfID_jeNum
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasMergeLog_jmfID_jeNum' AND object_id = OBJECT_ID(N'[lasMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_lasMergeLog_jmfID_jeNum] ON [lasMergeLog] ([jmfID], [jeNum]);

-- creating ix_gpsMergeLog_jmfID_jeNum
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsMergeLog_jmfID_jeNum' AND object_id = OBJECT_ID(N'[gpsMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_gpsMergeLog_jmfID_jeNum] ON [gpsMergeLog] ([jmfID], [jeNum]);

-- creating ix_lasMergeLog_zmfID_zeNum
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasMergeLog_zmfID_zeNum' AND object_id = OBJECT_ID(N'[lasMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_lasMergeLog_zmfID_zeNum] ON [lasMergeLog] ([zmfID], [zeNum]);

-- creating ix_gpsMergeLog_zmfID_zeNum
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsMergeLog_zmfID_zeNum' AND object_id = OBJECT_ID(N'[gpsMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_gpsMergeLog_zmfID_zeNum] ON [gpsMergeLog] ([zmfID], [zeNum]);

-- creating ix_lasMergeLog_ymfID_yeNum
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasMergeLog_ymfID_yeNum' AND object_id = OBJECT_ID(N'[lasMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_lasMergeLog_ymfID_yeNum] ON [lasMergeLog] ([ymfID], [yeNum]);

-- creating ix_gpsMergeLog_ymfID_yeNum
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsMergeLog_ymfID_yeNum' AND object_id = OBJECT_ID(N'[gpsMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_gpsMergeLog_ymfID_yeNum] ON [gpsMergeLog] ([ymfID], [yeNum]);

-- creating ix_lasMergeLog_hmfID_heNum
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasMergeLog_hmfID_heNum' AND object_id = OBJECT_ID(N'[lasMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_lasMergeLog_hmfID_heNum] ON [lasMergeLog] ([hmfID], [heNum]);

-- creating ix_gpsMergeLog_hmfID_heNum
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsMergeLog_hmfID_heNum' AND object_id = OBJECT_ID(N'[gpsMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_gpsMergeLog_hmfID_heNum] ON [gpsMergeLog] ([hmfID], [heNum]);

-- creating ix_lasMergeLog_kmfID_keNum
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasMergeLog_kmfID_keNum' AND object_id = OBJECT_ID(N'[lasMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_lasMergeLog_kmfID_keNum] ON [lasMergeLog] ([kmfID], [keNum]);

-- creating ix_gpsMergeLog_kmfID_keNum
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsMergeLog_kmfID_keNum' AND object_id = OBJECT_ID(N'[gpsMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_gpsMergeLog_kmfID_keNum] ON [gpsMergeLog] ([kmfID], [keNum]);

-- creating ix_lasMergeLog_htmID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasMergeLog_htmID' AND object_id = OBJECT_ID(N'[lasMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_lasMergeLog_htmID] ON [lasMergeLog] ([htmID]);

-- creating ix_gpsMergeLog_htmID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsMergeLog_htmID' AND object_id = OBJECT_ID(N'[gpsMergeLog]'))
    CREATE NONCLUSTERED INDEX [ix_gpsMergeLog_htmID] ON [gpsMergeLog] ([htmID]);

-- creating ix_lasSource_frameSetID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasSource_frameSetID' AND object_id = OBJECT_ID(N'[lasSource]'))
    CREATE NONCLUSTERED INDEX [ix_lasSource_frameSetID] ON [lasSource] ([frameSetID]);

-- creating ix_gpsSource_frameSetID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsSource_frameSetID' AND object_id = OBJECT_ID(N'[gpsSource]'))
    CREATE NONCLUSTERED INDEX [ix_gpsSource_frameSetID] ON [gpsSource] ([frameSetID]);

-- creating ix_lasSource_htmID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasSource_htmID' AND object_id = OBJECT_ID(N'[lasSource]'))
    CREATE NONCLUSTERED INDEX [ix_lasSource_htmID] ON [lasSource] ([htmID]);

-- creating ix_gpsSource_htmID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsSource_htmID' AND object_id = OBJECT_ID(N'[gpsSource]'))
    CREATE NONCLUSTERED INDEX [ix_gpsSource_htmID] ON [gpsSource] ([htmID]);

-- creating ix_lasSource_dec_ra
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasSource_dec_ra' AND object_id = OBJECT_ID(N'[lasSource]'))
    CREATE NONCLUSTERED INDEX [ix_lasSource_dec_ra] ON [lasSource] ([dec], [ra]);

-- creating ix_gpsSource_dec_ra
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsSource_dec_ra' AND object_id = OBJECT_ID(N'[gpsSource]'))
    CREATE NONCLUSTERED INDEX [ix_gpsSource_dec_ra] ON [gpsSource] ([dec], [ra]);

-- creating ix_lasSource_priOrSec
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasSource_priOrSec' AND object_id = OBJECT_ID(N'[lasSource]'))
    CREATE NONCLUSTERED INDEX [ix_lasSource_priOrSec] ON [lasSource] ([priOrSec]);

-- creating ix_gpsSource_priOrSec
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsSource_priOrSec' AND object_id = OBJECT_ID(N'[gpsSource]'))
    CREATE NONCLUSTERED INDEX [ix_gpsSource_priOrSec] ON [gpsSource] ([priOrSec]);

-- creating ix_lasSourceNeighbours_slaveObjID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasSourceNeighbours_slaveObjID' AND object_id = OBJECT_ID(N'[lasSourceNeighbours]'))
    CREATE NONCLUSTERED INDEX [ix_lasSourceNeighbours_slaveObjID] ON [lasSourceNeighbours] ([slaveObjID]);

-- creating ix_gpsSourceNeighbours_slaveObjID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_gpsSourceNeighbours_slaveObjID' AND object_id = OBJECT_ID(N'[gpsSourceNeighbours]'))
    CREATE NONCLUSTERED INDEX [ix_gpsSourceNeighbours_slaveObjID] ON [gpsSourceNeighbours] ([slaveObjID]);

-- creating ix_lasSourceXtwomass_psc_slaveObjID
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_lasSourceXtwomass_psc_slaveObjID' AND object_id = OBJECT_ID(N'[lasSourceXtwomass_psc]'))
    CREATE NONCLUSTERED INDEX [ix_lasSourceXtwomass_psc_slaveObjID] ON [lasSourceXtwomass_psc] ([slaveObjID]);

-- 4. The release recorded in the partial release, then (with the publication) in the curation database.

-- recording the release
INSERT INTO [Release] (surveyID, releaseNum, releaseDate, description, dbName, cuEventID) VALUES (@surveyID, @releaseNum, @releaseDate, @description, @dbName, @cuEventID);

-- marking every frame of the release not released before (the partial release)
UPDATE [ProgrammeFrame] SET releaseNum = @n WHERE releaseNum = 0;

-- marking the released frames, 2 at a time here (500 in a real run; the curation database)
UPDATE [ProgrammeFrame] SET releaseNum = @n WHERE releaseNum = 0 AND multiframeID IN (@m0, @m1);

-- 5. Publishing, on master; or removing a release that failed.

-- renaming the partial release into place
ALTER DATABASE [WSA_ukidss_dr1_partial] MODIFY NAME = [WSA_ukidss_dr1];

-- removing a partial release
IF DB_ID(N'WSA_ukidss_dr1_partial') IS NOT NULL
BEGIN
    ALTER DATABASE [WSA_ukidss_dr1_partial] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
    DROP DATABASE [WSA_ukidss_dr1_partial];
END;

-- removing a release published before its recording failed
IF DB_ID(N'WSA_ukidss_dr1') IS NOT NULL
BEGIN
    ALTER DATABASE [WSA_ukidss_dr1] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
    DROP DATABASE [WSA_ukidss_dr1];
END;

