--=============================================================================
--
-- NeighbourSchema.sql
--
-- Schema script of the neighbour tables of the Curation archive: pairs of
-- sources within a join criterion, made by CU16 (make-neighbours) as
-- RequiredNeighbours prescribes for each programme.
--
-- Placeholders: {prog} is replaced by the programme's Programme.tablePrefix
-- (eg. las), {ext} by the external table's ExternalSurveyTable.extTableAlias
-- (eg. GaiaDR3Source).
--
-- Modelled on the WSA lasSourceNeighbours and lasSourceXtwomass_psc tables.
--
--=============================================================================


-- Self-neighbours: pairs of sources of one programme.
CREATE TABLE {prog}SourceNeighbours(
-------------------------------------------------------------------------------
--/H Contains the neighbours of each merged source among the programme's own sources.
--
--/T CU16 pairs every source of {prog}Source with every other source of the
--/T programme's {prog}Source (RequiredNeighbours.extProgID) within the
--/T programme's joinCriterion (RequiredNeighbours), one row per pair and
--/T direction. A source's own row is not recorded.
--/T
--/T Required constraints: primary key is (masterObjID, slaveObjID)
--/T (masterObjID) references {prog}Source(sourceID)
--/T (slaveObjID) references {prog}Source(sourceID)
-------------------------------------------------------------------------------
masterObjID  bigint not null,                    --/D the sourceID of the master source in {prog}Source --/C ID_MAIN --/Q {prog}Source.sourceID
slaveObjID   bigint not null,                    --/D the sourceID of a neighbouring (slave) source in {prog}Source --/C ID_CROSSID --/Q {prog}Source.sourceID
distanceMins real not null default -0.9999995e9, --/D the angular separation between the master and the slave --/U arcminutes --/C POS_ANG_DIST_GENERAL --/Q {prog}Source.ra,{prog}Source.dec --/N -0.9999995e9
CONSTRAINT pk_{prog}SourceNeighbours PRIMARY KEY (masterObjID, slaveObjID),
CONSTRAINT fk_{prog}SourceNeighbours_Master FOREIGN KEY (masterObjID) REFERENCES {prog}Source(sourceID),
CONSTRAINT fk_{prog}SourceNeighbours_Slave FOREIGN KEY (slaveObjID) REFERENCES {prog}Source(sourceID)
)
GO

-- Cross-neighbours: pairs of a programme source and an external source.
CREATE TABLE {prog}SourceX{ext}(
-------------------------------------------------------------------------------
--/H Contains the neighbours of each merged source in an external catalogue.
--
--/T CU16 pairs every source of {prog}Source with every source of the
--/T external table named by RequiredNeighbours (surveyID, extTableID: see
--/T ExternalSurveyTable) within joinCriterion, one row per pair. {ext} is
--/T replaced by ExternalSurveyTable.extTableAlias, eg. lasSourceXGaiaDR3Source,
--/T lasSourceXtwomass_psc. slaveObjID holds the external table's identifier
--/T (the column ExternalSurveyTable.sourceIDName).
--/T
--/T Required constraints: primary key is (masterObjID, slaveObjID)
--/T (masterObjID) references {prog}Source(sourceID)
-------------------------------------------------------------------------------
masterObjID  bigint not null,                    --/D the sourceID of the master source in {prog}Source --/C ID_MAIN --/Q {prog}Source.sourceID
slaveObjID   bigint not null,                    --/D the identifier of the neighbouring source in the external table (eg. Gaia source_id, 2MASS pts_key) --/C ID_CROSSID
distanceMins real not null default -0.9999995e9, --/D the angular separation between the master and the slave --/U arcminutes --/C POS_ANG_DIST_GENERAL --/Q {prog}Source.ra,{prog}Source.dec --/N -0.9999995e9
CONSTRAINT pk_{prog}SourceX{ext} PRIMARY KEY (masterObjID, slaveObjID),
CONSTRAINT fk_{prog}SourceX{ext}_Master FOREIGN KEY (masterObjID) REFERENCES {prog}Source(sourceID)
)
GO
