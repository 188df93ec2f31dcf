-- CreateIndex(ix_Programme_dfsIDString, ifMissing: false)
CREATE UNIQUE NONCLUSTERED INDEX [ix_Programme_dfsIDString] ON [Programme] ([dfsIDString])

-- CreateIndex(ix_Programme_dfsIDString, ifMissing: true)
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Programme_dfsIDString' AND object_id = OBJECT_ID(N'[Programme]'))
    CREATE UNIQUE NONCLUSTERED INDEX [ix_Programme_dfsIDString] ON [Programme] ([dfsIDString])

-- CreateIndex(ix_Programme_tablePrefix, ifMissing: false)
CREATE NONCLUSTERED INDEX [ix_Programme_tablePrefix] ON [Programme] ([tablePrefix])

-- CreateIndex(ix_Programme_tablePrefix, ifMissing: true)
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Programme_tablePrefix' AND object_id = OBJECT_ID(N'[Programme]'))
    CREATE NONCLUSTERED INDEX [ix_Programme_tablePrefix] ON [Programme] ([tablePrefix])

-- CreateIndex(ix_Filter_shortName, ifMissing: false)
CREATE UNIQUE NONCLUSTERED INDEX [ix_Filter_shortName] ON [Filter] ([shortName])

-- CreateIndex(ix_Filter_shortName, ifMissing: true)
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Filter_shortName' AND object_id = OBJECT_ID(N'[Filter]'))
    CREATE UNIQUE NONCLUSTERED INDEX [ix_Filter_shortName] ON [Filter] ([shortName])

-- CreateIndex(ix_Frame_mjd, ifMissing: false)
CREATE NONCLUSTERED INDEX [ix_Frame_mjd] ON [Frame] ([mjd] DESC, [filterID])

-- CreateIndex(ix_Frame_mjd, ifMissing: true)
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Frame_mjd' AND object_id = OBJECT_ID(N'[Frame]'))
    CREATE NONCLUSTERED INDEX [ix_Frame_mjd] ON [Frame] ([mjd] DESC, [filterID])

-- CreateIndex(ix_Target_position, ifMissing: false)
CREATE CLUSTERED INDEX [ix_Target_position] ON [GES].[Target] ([ra], [dec]) INCLUDE ([name])

-- CreateIndex(ix_Target_position, ifMissing: true)
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_Target_position' AND object_id = OBJECT_ID(N'[GES].[Target]'))
    CREATE CLUSTERED INDEX [ix_Target_position] ON [GES].[Target] ([ra], [dec]) INCLUDE ([name])

-- CreateIndex(ix_O'Brien, ifMissing: false)
CREATE UNIQUE NONCLUSTERED INDEX [ix_O'Brien] ON [Odd]]Name] ([a]]b])

-- CreateIndex(ix_O'Brien, ifMissing: true)
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_O''Brien' AND object_id = OBJECT_ID(N'[Odd]]Name]'))
    CREATE UNIQUE NONCLUSTERED INDEX [ix_O'Brien] ON [Odd]]Name] ([a]]b])

