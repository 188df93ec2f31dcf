-- A script that exercises every mapping the DDL dialects make: types, defaults, keys, identity,
-- schema prefixes, a template table, a view and indices.
CREATE TABLE Frame(
--/H A frame.
--/T Frames reference filters; the key is frameID.
frameID      bigint not null,                       --/D frame UID --/C ID_FRAME
filterID     tinyint not null default 0,            --/D filter --/C INST_FILTER_CODE
flagged      bit not null default 0,                --/D flag --/C CODE_MISC
nPix         int not null default -99999999,        --/D pixels --/C NUMBER
nSmall       smallint not null default -9999,       --/D small --/C NUMBER
zp           real not null default -0.9999995e9,    --/D zero point --/U mag --/C PHOT_ZP
mjd          float not null default -9.999995e+08,  --/D MJD --/U days --/C TIME_DATE
single       float(24) not null default 0,          --/D single precision float --/C NUMBER
price        decimal(9,3) not null default 0.0,     --/D exact --/C NUMBER
label        varchar(32) not null default 'NONE',   --/D label --/C NOTE
code         char(4) not null default '--',         --/D code with dashes --/C NOTE
notes        varchar(max) null,                     --/D free text --/C NOTE
quote        varchar(16) not null default 'it''s',  --/D a quote in a default --/C NOTE
obsDate      datetime not null default '9999-12-31 23:59:59', --/D date --/C TIME_DATE
loaded       datetime not null default getdate(),   --/D load time --/C TIME_DATE
blob         varbinary(64) null,                    --/D bytes --/C NOTE
"order"      int not null default ((1)),            --/D a reserved word as a name --/C NUMBER
zpTwice      AS zp * 2 PERSISTED NOT NULL,          --/D a computed column: created by SQL Server only --/C NUMBER
CONSTRAINT pk_Frame PRIMARY KEY (frameID),
CONSTRAINT uq_Frame_label UNIQUE (label, code)
)
GO
CREATE TABLE Filter(
--/H Filters.
filterID     tinyint not null,                      --/D filter --/C INST_FILTER_CODE
name         varchar(8) not null,                   --/D name --/C INST_FILTER_CODE
CONSTRAINT pk_Filter PRIMARY KEY (filterID)
)
GO
CREATE TABLE Event(
--/H Events with an identity key.
eventID      int identity(1,1) not null,            --/D event --/C ID_NUMBER
frameID      bigint not null references Frame(frameID), --/D frame --/C ID_FRAME
CONSTRAINT pk_Event PRIMARY KEY (eventID)
)
GO
CREATE TABLE GES.Target(
--/H A table in a schema.
targetID     bigint not null,                       --/D target --/C ID_MAIN
CONSTRAINT pk_Target PRIMARY KEY (targetID)
)
GO
CREATE TABLE {prog}Detection(
--/H A template table.
objID        bigint not null,                       --/D object --/C ID_MAIN
frameID      bigint not null,                       --/D frame --/C ID_FRAME
CONSTRAINT pk_{prog}Detection PRIMARY KEY (objID),
CONSTRAINT fk_{prog}Detection_Frame FOREIGN KEY (frameID) REFERENCES Frame(frameID)
)
GO
ALTER TABLE Frame ADD CONSTRAINT fk_Frame_Filter FOREIGN KEY (filterID) REFERENCES Filter(filterID)
GO
CREATE VIEW FrameNames AS
SELECT frameID, label FROM Frame
GO
CREATE INDEX ix_Frame_mjd ON Frame (mjd DESC, filterID)
GO
CREATE UNIQUE INDEX ix_{prog}Detection_frame ON {prog}Detection (frameID, objID)
GO
