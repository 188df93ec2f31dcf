using System.Globalization;
using Curation.Database;
using Curation.Fits;
using Curation.Schema.Model;
using Curation.Sessions;

namespace Curation.TablePreparation.External;

/// <summary>What <c>curate load-external</c> is asked to load, and into which registration.</summary>
public sealed record LoadExternalRequest
{
    /// <summary>The FITS file holding the catalogue.</summary>
    public required string File { get; init; }

    /// <summary>The table HDU: a 0-based index or an EXTNAME; null for the first table with the ID, RA and Dec columns.</summary>
    public string? Hdu { get; init; }

    /// <summary>The external survey (<c>ExternalSurvey.surveyID</c>); with <see cref="SurveyName"/>, registered when new.</summary>
    public int? SurveyId { get; init; }

    /// <summary>The table within the survey (<c>ExternalSurveyTable.extTableID</c>); with <see cref="Alias"/>, registered when new.</summary>
    public int? ExtTableId { get; init; }

    /// <summary>The survey's name (<c>surveyName</c>): finds it, or registers a new survey.</summary>
    public string? SurveyName { get; init; }

    /// <summary>A new survey's <c>databaseName</c> (default: the letters and digits of its name, in capitals).</summary>
    public string? DatabaseName { get; init; }

    /// <summary>The table's alias (<c>extTableAlias</c>, which names the cross-neighbour tables): finds it, or registers a new table.</summary>
    public string? Alias { get; init; }

    /// <summary>A new table's <c>extTableName</c> (default: the alias).</summary>
    public string? TableName { get; init; }

    /// <summary>The ID column (TTYPE); null for the registered one, else the usual names.</summary>
    public string? IdColumn { get; init; }

    /// <summary>The RA column; null for the registered one, else the usual names.</summary>
    public string? RaColumn { get; init; }

    /// <summary>The Dec column; null for the registered one, else the usual names.</summary>
    public string? DecColumn { get; init; }

    /// <summary>The coordinates' unit.</summary>
    public CoordinateUnit CoordinateUnit { get; init; } = CoordinateUnit.Auto;
}

/// <summary>
/// <c>curate load-external</c> (cu17): loads an external survey's catalogue, a FITS binary (or ASCII) table, into the
/// archive's table of an <c>ExternalSurveyTable</c> registration, for CU16's cross-neighbour tables; registers the survey
/// and the table when they are new. The table lives in the archive's database as <see cref="ExternalTable.TableName"/>
/// (<c>{databaseName}_{extTableName}</c>), its columns those of the FITS table as <see cref="ExternalCatalogue"/> maps
/// them, the source ID its primary key, an index on Dec. The load is one unit: the registration, the table (created,
/// or recreated when the file's columns differ from it) and all its rows, replacing those of an earlier load, or none.
/// </summary>
public sealed class LoadExternalSession(CuSessionOptions options, SchemaModel scripts, LoadExternalRequest request, TextWriter output)
    : CuSession(17, options)
{
    /// <summary>The registration loaded (after the run).</summary>
    public ExternalTable? Registration { get; private set; }

    /// <summary>Rows loaded.</summary>
    public long Rows { get; private set; }

    /// <inheritdoc />
    protected override void Work()
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.GetFullPath(request.File);
        if (!File.Exists(path))
            throw new CurationInputException($"{request.File}: no such file");
        var (target, newSurvey, newTable) = Resolve();

        using var fits = Open(path);
        ExternalCatalogue catalogue;
        try
        {
            catalogue = ExternalCatalogue.Map(fits, request.Hdu, request.IdColumn ?? Registered(newTable, target.IdColumn),
                request.RaColumn ?? Registered(newTable, target.RaColumn), request.DecColumn ?? Registered(newTable, target.DecColumn), request.CoordinateUnit);
        }
        catch (FitsException e)
        {
            throw new CurationInputException(e.Message);
        }

        target = target with { IdColumn = catalogue.Id.Name, RaColumn = catalogue.Ra.Name, DecColumn = catalogue.Dec.Name };
        CheckLengths(target);
        var tableName = target.TableName;
        if (tableName.Length > ExternalTables.MaxNameLength)
            throw new CurationInputException($"the external table would be named {tableName}, longer than {ExternalTables.MaxNameLength} characters; register a shorter databaseName or extTableName");
        if (scripts.Tables.Any(t => t.Name.Equals(tableName, StringComparison.OrdinalIgnoreCase)))
            throw new CurationInputException($"the external table would be named {tableName}, which is a table of the schema scripts; register another databaseName or extTableName");
        var definition = catalogue.ToTable(tableName);
        Log.Info("{Where}: {Rows} row(s) to load into {Table} as {Registration}", catalogue.Where, catalogue.Hdu.Rows, tableName, target);
        Log.Debug("The columns of {Table}:\n{Mapping}", tableName, catalogue.Describe().TrimEnd());

        long replaced = 0, offSky = 0;
        var recreated = false;
        Unit($"loading {catalogue.Where} into {tableName}", () =>
        {
            Register(target, newSurvey, newTable);
            (replaced, recreated) = Prepare(definition);
            using (var loader = Database.Load(definition))
            {
                var values = new object?[definition.Columns.Count];
                var (ra, dec) = (catalogue.Columns.ToList().IndexOf(catalogue.Ra), catalogue.Columns.ToList().IndexOf(catalogue.Dec));
                try
                {
                    foreach (var chunk in catalogue.Hdu.OpenTable(catalogue.ColumnIndexes).ReadChunks())
                    {
                        Cancellation.ThrowIfCancellationRequested();
                        for (var r = 0; r < chunk.RowCount; r++)
                        {
                            catalogue.Row(chunk, r, values);
                            if (values[ra] is not double || values[dec] is not double d || Math.Abs(d) > 90)
                                offSky++;
                            loader.AddRow(values);
                        }
                    }
                }
                catch (FitsException e)
                {
                    throw new CurationInputException(e.Message);
                }

                Rows = loader.Complete();
            }

            var index = new IndexDef
            {
                Name = Shorten($"ix_{tableName}_{catalogue.Dec.Name}"), Table = tableName, Columns = [new IndexColumn(catalogue.Dec.Name)],
                Location = definition.Location,
            };
            Database.Execute(Database.Dialect.CreateIndex(index, ifMissing: true));
        });
        Registration = target;

        var unitNote = catalogue.Ra.Factor == 1 ? "in degrees" : "converted from radians to degrees";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load-external: {Rows} row(s) of {catalogue.Where} loaded into {tableName}, {target} alias {target.Alias}"
            + $"{(Options.DryRun ? " (dry run: rolled back)" : "")}"));
        output.WriteLine($"  {catalogue.Columns.Count} column(s); ID {catalogue.Id.Fits.Name}, RA {catalogue.Ra.Fits.Name} and Dec {catalogue.Dec.Fits.Name} {unitNote}"
            + (offSky > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {offSky} row(s) without a position on the sky, never matched") : ""));
        foreach (var (column, reason) in catalogue.Skipped)
            output.WriteLine($"  not loaded: {column}, {reason}");
        if (newSurvey || newTable)
            output.WriteLine($"  registered {(newSurvey ? $"ExternalSurvey {target.SurveyId} ({target.SurveyName}, databaseName {target.DatabaseName}) and " : "")}ExternalSurveyTable {target.SurveyId}/{target.ExtTableId}");
        if (replaced > 0 || recreated)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  replaced {replaced} row(s) loaded before{(recreated ? "; the table was recreated, as its columns had changed" : "")}"));
        var neighbours = NeighbourTables(target);
        if (neighbours.Count > 0)
            output.WriteLine($"  cross-neighbour tables to make with cu16: {string.Join(", ", neighbours)}");
        else
            output.WriteLine($"  no RequiredNeighbours row uses it yet: add one (programmeID, neighbourTable <prog>SourceX{target.Alias}, surveyID {target.SurveyId}, extTableID {target.ExtTableId}, joinCriterion) for cu16 to make its cross-neighbour table");
    }

    private static string? Registered(bool newTable, string column) => newTable || column.Equals("NONE", StringComparison.OrdinalIgnoreCase) ? null : column;

    private FitsFile Open(string path)
    {
        FitsFile fits;
        try
        {
            fits = FitsFile.Open(path);
        }
        catch (FitsException e)
        {
            throw new CurationInputException(e.Message);
        }

        if (fits.Truncation is { } truncated)
        {
            fits.Dispose();
            throw new CurationInputException(truncated.Message);
        }

        return fits;
    }

    /// <summary>The registration the options name, and whether its survey and its table are new.</summary>
    private (ExternalTable Target, bool NewSurvey, bool NewTable) Resolve()
    {
        var surveys = Database.Table(ExternalTables.SurveyTable).Rows
            .Select(r => (Id: r.Get<int>("surveyID"), Name: r.Get<string>("surveyName").TrimEnd(), DatabaseName: r.Get<string>("databaseName").TrimEnd()))
            .ToList();
        var tables = ExternalTables.Registered(Database);
        string Known() => surveys.Count == 0 ? "none is registered" : "known: " + string.Join(", ", surveys.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Id} ({s.Name})")));

        (int Id, string Name, string DatabaseName) survey;
        var newSurvey = false;
        if (request.SurveyId is { } surveyId)
        {
            var found = surveys.Where(s => s.Id == surveyId).ToList();
            if (found.Count == 0)
            {
                if (request.SurveyName is null)
                    throw new CurationInputException(string.Create(CultureInfo.InvariantCulture, $"there is no external survey {surveyId} in ExternalSurvey ({Known()}); add --survey-name NAME to register it"));
                survey = (surveyId, request.SurveyName.Trim(), DatabaseNameFor(request.SurveyName, surveyId));
                newSurvey = true;
            }
            else
            {
                survey = found[0];
                if (request.SurveyName is { } name && !name.Trim().Equals(survey.Name, StringComparison.OrdinalIgnoreCase))
                    throw new CurationInputException(string.Create(CultureInfo.InvariantCulture, $"external survey {surveyId} is {survey.Name}, not {name}"));
            }
        }
        else if (request.SurveyName is { } name)
        {
            var found = surveys.Where(s => s.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (found.Count > 0)
            {
                survey = found[0];
            }
            else
            {
                var id = surveys.Count == 0 ? 1 : Math.Max(1, surveys.Max(s => s.Id) + 1);
                survey = (id, name.Trim(), DatabaseNameFor(name, id));
                newSurvey = true;
            }
        }
        else
        {
            throw new CurationInputException("say which external table to load: --survey ID --ext-table ID for a registered one, "
                + "or --survey-name NAME --alias ALIAS (registered when new)");
        }

        if (request.DatabaseName is { } dbName && !newSurvey && !dbName.Trim().Equals(survey.DatabaseName, StringComparison.OrdinalIgnoreCase))
            throw new CurationInputException($"external survey {survey.Id} ({survey.Name}) has the databaseName {survey.DatabaseName}, not {dbName}");

        var ofSurvey = tables.Where(t => t.SurveyId == survey.Id).ToList();
        string KnownTables() => ofSurvey.Count == 0 ? "it has none" : "its tables: " + string.Join(", ", ofSurvey.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.ExtTableId} ({t.Alias})")));
        ExternalTable? existing;
        int tableId;
        if (request.ExtTableId is { } extTableId)
        {
            existing = ofSurvey.FirstOrDefault(t => t.ExtTableId == extTableId);
            if (existing is null && request.Alias is null)
                throw new CurationInputException(string.Create(CultureInfo.InvariantCulture, $"external survey {survey.Id} ({survey.Name}) has no table {extTableId} in ExternalSurveyTable ({KnownTables()}); add --alias ALIAS to register it"));
            tableId = extTableId;
        }
        else if (request.Alias is { } alias)
        {
            existing = ofSurvey.FirstOrDefault(t => t.Alias.Equals(alias.Trim(), StringComparison.OrdinalIgnoreCase));
            tableId = existing?.ExtTableId ?? (ofSurvey.Count == 0 ? 1 : Math.Max(1, ofSurvey.Max(t => t.ExtTableId) + 1));
        }
        else
        {
            throw new CurationInputException($"say which table of external survey {survey.Id} ({survey.Name}) to load: --ext-table ID ({KnownTables()}), or --alias ALIAS to register a new one");
        }

        if (existing is not null)
        {
            if (request.Alias is { } a && !a.Trim().Equals(existing.Alias, StringComparison.OrdinalIgnoreCase))
                throw new CurationInputException($"{existing} has the alias {existing.Alias}, not {a}; an alias names cross-neighbour tables, so it is not changed here");
            if (request.TableName is { } n && !n.Trim().Equals(existing.ExtTableName, StringComparison.OrdinalIgnoreCase))
                throw new CurationInputException($"{existing} is named {existing.ExtTableName}, not {n}");
            return (existing, false, false);
        }

        var newAlias = request.Alias!.Trim();
        if (newAlias.Length == 0 || ExternalTables.Identifier(newAlias) != newAlias)
            throw new CurationInputException($"--alias {request.Alias} is not a plain name (letters, digits and underscores, not starting with a digit): it becomes part of table names such as lasSourceX{ExternalTables.Identifier(newAlias)}");
        return (new ExternalTable(survey.Id, tableId, survey.Name, survey.DatabaseName, request.TableName?.Trim() ?? newAlias, newAlias, "NONE", "NONE", "NONE"), newSurvey, true);
    }

    /// <summary>A new survey's databaseName: the one asked for, else the letters and digits of its name in capitals.</summary>
    private string DatabaseNameFor(string surveyName, int surveyId)
    {
        if (request.DatabaseName is { } given)
            return given.Trim();
        var letters = new string([.. surveyName.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        return letters.Length == 0 ? string.Create(CultureInfo.InvariantCulture, $"EXT{surveyId}") : letters[..Math.Min(32, letters.Length)];
    }

    private static void CheckLengths(ExternalTable t)
    {
        foreach (var (value, column, limit) in new[]
        {
            (t.SurveyName, "ExternalSurvey.surveyName", 32), (t.DatabaseName, "ExternalSurvey.databaseName", 32),
            (t.ExtTableName, "ExternalSurveyTable.extTableName", 128), (t.Alias, "ExternalSurveyTable.extTableAlias", 64),
            (t.IdColumn, "ExternalSurveyTable.sourceIDName", 64), (t.RaColumn, "ExternalSurveyTable.coord1", 32), (t.DecColumn, "ExternalSurveyTable.coord2", 32),
        })
        {
            if (value.Length > limit)
                throw new CurationInputException(string.Create(CultureInfo.InvariantCulture, $"'{value}' is longer than {column} holds ({limit} characters)"));
        }
    }

    /// <summary>Writes the registration rows (a new survey, a new table, or the table's columns as loaded).</summary>
    private void Register(ExternalTable t, bool newSurvey, bool newTable)
    {
        if (newSurvey)
        {
            var description = $"registered by curate load-external from {Path.GetFileName(request.File)}";
            Database.Upsert(ExternalTables.SurveyTable, new
            {
                surveyID = t.SurveyId, surveyName = t.SurveyName, databaseName = t.DatabaseName,
                description = description.Length > 256 ? description[..256] : description,
            }, "surveyID");
        }

        Database.Upsert(ExternalTables.TableTable, new
        {
            surveyID = t.SurveyId, extTableID = t.ExtTableId, extTableName = t.ExtTableName, extTableAlias = t.Alias,
            sourceIDName = t.IdColumn, coord1 = t.RaColumn, coord2 = t.DecColumn,
        }, "surveyID", "extTableID");
        if (newTable)
            Log.Info("Registered {Registration} with the alias {Alias}", t, t.Alias);
    }

    /// <summary>Makes the table ready for the rows: created when missing, emptied when its columns are the file's,
    /// recreated when they are not. Returns the rows removed and whether it was recreated.</summary>
    private (long Replaced, bool Recreated) Prepare(TableDef definition)
    {
        var dialect = Database.Dialect;
        var key = dialect.TableKey(definition.Name, null);
        var live = LiveSchemaReader.Read(Database.Connection, dialect, Database.Transaction).FirstOrDefault(t => dialect.TableKey(t.Name, t.Schema) == key);
        long replaced = 0;
        var recreated = false;
        if (live is not null)
        {
            replaced = Database.Scalar<long>($"SELECT COUNT(*) FROM {Database.Name(definition.Name)}");
            var differences = SchemaComparer.Compare([definition], [live], dialect);
            if (differences.Count == 0)
            {
                Database.Execute($"DELETE FROM {Database.Name(definition.Name)}");
                return (replaced, false);
            }

            Log.Warn("{Table} is recreated: its columns are not those of this file ({Differences})", definition.Name, string.Join("; ", differences));
            Database.Execute($"DROP TABLE {Database.Name(definition.Name)}");
            recreated = true;
        }

        foreach (var statement in dialect.CreateTable(definition))
            Database.Execute(statement);
        return (replaced, recreated);
    }

    /// <summary>The cross-neighbour tables RequiredNeighbours asks for on this external table.</summary>
    private List<string> NeighbourTables(ExternalTable t) =>
        [.. Database.Table(ArchiveLayout.NeighboursTable).Rows
            .Where(r => r.Get<int>("surveyID") == t.SurveyId && r.Get<int>("extTableID") == t.ExtTableId)
            .Select(r => r.Get<string>("neighbourTable").TrimEnd())];

    private static string Shorten(string name) => name.Length <= ExternalTables.MaxNameLength ? name : name[..ExternalTables.MaxNameLength];
}
