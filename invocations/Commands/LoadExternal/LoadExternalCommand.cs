using System.CommandLine;
using Curation.TablePreparation.External;

namespace Curation.Invocations.Commands.LoadExternal;

/// <summary><c>curate load-external</c> (<c>cu17</c>): loads an external survey's catalogue for the cross-neighbour tables.</summary>
internal static class LoadExternalCommand
{
    /// <summary>The FITS file.</summary>
    public static readonly Argument<FileInfo> File = new("FILE")
    {
        Description = "The FITS file holding the catalogue (a binary or ASCII table; plain, .gz or .Z).",
    };

    /// <summary><c>--survey</c>.</summary>
    public static readonly Option<int?> Survey = new("--survey")
    {
        Description = "The external survey (ExternalSurvey.surveyID). With --survey-name, registered if new.",
        HelpName = "ID",
    };

    /// <summary><c>--ext-table</c>.</summary>
    public static readonly Option<int?> ExtTable = new("--ext-table")
    {
        Description = "The survey's table (ExternalSurveyTable.extTableID). With --alias, registered if new.",
        HelpName = "ID",
    };

    /// <summary><c>--survey-name</c>.</summary>
    public static readonly Option<string?> SurveyName = new("--survey-name")
    {
        Description = "The survey's name (ExternalSurvey.surveyName, up to 32 characters): finds the survey, or registers a new one.",
        HelpName = "NAME",
    };

    /// <summary><c>--database-name</c>.</summary>
    public static readonly Option<string?> DatabaseName = new("--database-name")
    {
        Description = "A new survey's ExternalSurvey.databaseName, which prefixes its tables' names "
            + "(default: the letters and digits of --survey-name in capitals).",
        HelpName = "NAME",
    };

    /// <summary><c>--alias</c>.</summary>
    public static readonly Option<string?> Alias = new("--alias")
    {
        Description = "The table's ExternalSurveyTable.extTableAlias, which names its cross-neighbour tables ({prog}SourceX<ALIAS>): "
            + "finds the table, or registers a new one.",
        HelpName = "ALIAS",
    };

    /// <summary><c>--table-name</c>.</summary>
    public static readonly Option<string?> TableName = new("--table-name")
    {
        Description = "A new table's ExternalSurveyTable.extTableName (default: the alias).",
        HelpName = "NAME",
    };

    /// <summary><c>--hdu</c>.</summary>
    public static readonly Option<string?> Hdu = new("--hdu")
    {
        Description = "The table HDU: its 0-based index or EXTNAME (default: the first table with the ID, RA and Dec columns).",
        HelpName = "N",
    };

    /// <summary><c>--id-column</c>.</summary>
    public static readonly Option<string?> IdColumn = new("--id-column")
    {
        Description = "The source ID column, integers (default: the registered one, else the first of source_id, sourceID, objID, NUMBER, "
            + "Sequence_number, id).",
        HelpName = "COLUMN",
    };

    /// <summary><c>--ra-column</c>.</summary>
    public static readonly Option<string?> RaColumn = new("--ra-column")
    {
        Description = "The RA column (default: the registered one, else the first of ra, RAJ2000, ALPHA_J2000, XWIN_WORLD, X_WORLD).",
        HelpName = "COLUMN",
    };

    /// <summary><c>--dec-column</c>.</summary>
    public static readonly Option<string?> DecColumn = new("--dec-column")
    {
        Description = "The Dec column (default: the registered one, else the first of dec, DEJ2000, DELTA_J2000, YWIN_WORLD, Y_WORLD).",
        HelpName = "COLUMN",
    };

    /// <summary><c>--coord-unit</c>.</summary>
    public static readonly Option<string> CoordUnit = OneOf(new Option<string>("--coord-unit")
    {
        Description = "The unit of RA and Dec: auto (radians when TUNIT is rad, radian or radians, as in CASU catalogues; "
            + "degrees otherwise), deg or rad. Radians are converted to degrees.",
        DefaultValueFactory = _ => "auto",
    }, "auto", "deg", "rad");

    private static Option<string> OneOf(Option<string> option, params string[] values)
    {
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var schemaDir = CommonOptions.SchemaDir();
        return CuCommand.Create(context, 17, "load-external", "CU17: load an external survey's catalogue (a FITS table) for the cross-neighbour tables.",
            "CU17: load an external survey's catalogue, a FITS table, into the archive's table of an ExternalSurveyTable\n"
            + "registration, for the cross-neighbour tables of CU16. Name a registered table with --survey and\n"
            + "--ext-table, or register one with --survey-name and --alias (the survey too when new). The table is\n"
            + "{databaseName}_{extTableName} in the archive's database (eg. GAIADR3_gaia_source), created from the\n"
            + "file's columns: every scalar column (integers exactly, E as real, D and scaled columns as float, L as bit,\n"
            + "A as varchar); vector, variable-length, bit and complex columns are left out and listed. The ID column\n"
            + "(integers; CASU's float Sequence_number is taken when whole) is its primary key; RA and Dec are stored in\n"
            + "degrees, converted from radians when TUNIT says so. A reload replaces the rows (the table is recreated\n"
            + "if the file's columns differ); the load is one unit, all or nothing. The registration records the ID, RA\n"
            + "and Dec columns. Errors name the file, the HDU and the column. See docs/neighbours.md.\n\n"
            + "Examples:\n"
            + "  curate load-external gaia_extract.fits --survey 1 --ext-table 1\n"
            + "  curate load-external procIMAGE80220150514002449.cat --survey-name NGTS --alias NGTSimcore\n"
            + "  curate cu17 ldac.fits --survey-name LCO --alias LCOldac --hdu LDAC_OBJECTS --id-column NUMBER",
            perProgramme: false,
            [File, Survey, ExtTable, SurveyName, DatabaseName, Alias, TableName, Hdu, IdColumn, RaColumn, DecColumn, CoordUnit, schemaDir],
            (parseResult, options) =>
            {
                var scripts = ScriptSet.Parse(ScriptSet.Paths(null, parseResult.GetValue(schemaDir)), "wfau");
                var request = new LoadExternalRequest
                {
                    File = parseResult.GetValue(File)!.FullName,
                    SurveyId = parseResult.GetValue(Survey),
                    ExtTableId = parseResult.GetValue(ExtTable),
                    SurveyName = parseResult.GetValue(SurveyName),
                    DatabaseName = parseResult.GetValue(DatabaseName),
                    Alias = parseResult.GetValue(Alias),
                    TableName = parseResult.GetValue(TableName),
                    Hdu = parseResult.GetValue(Hdu),
                    IdColumn = parseResult.GetValue(IdColumn),
                    RaColumn = parseResult.GetValue(RaColumn),
                    DecColumn = parseResult.GetValue(DecColumn),
                    CoordinateUnit = parseResult.GetValue(CoordUnit) switch
                    {
                        "deg" => CoordinateUnit.Degrees,
                        "rad" => CoordinateUnit.Radians,
                        _ => CoordinateUnit.Auto,
                    },
                };
                if (request.SurveyId is null && request.SurveyName is null)
                    throw new CurationUsageException("say which external table to load: --survey ID --ext-table ID for a registered one, or --survey-name NAME --alias ALIAS (registered when new)");
                if (request.ExtTableId is null && request.Alias is null)
                    throw new CurationUsageException("say which table of the survey to load: --ext-table ID for a registered one, or --alias ALIAS (registered when new)");
                return new LoadExternalSession(options, scripts, request, context.Out);
            });
    }
}
