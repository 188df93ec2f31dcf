using System.Globalization;
using Curation.Database;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Programmes;

namespace Curation.TablePreparation.Registration;

/// <summary>The survey a registered programme belongs to: an existing row of <c>Survey</c>, or a new one.</summary>
/// <param name="Id">Its <c>surveyID</c>.</param>
/// <param name="Name">Its <c>surveyName</c>.</param>
/// <param name="Description">Its description (for a new survey, the row's).</param>
/// <param name="IsNew">True when the registration inserts it.</param>
public sealed record PlannedSurvey(int Id, string Name, string Description, bool IsNew)
{
    /// <summary><c>NONSURVEY (2)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Id})");
}

/// <summary>A <c>RequiredFilters</c> row to insert.</summary>
/// <param name="FilterId">Its <c>filterID</c>.</param>
/// <param name="ShortName">The filter's short name, eg. K.</param>
/// <param name="Passes">Its <c>nPass</c>.</param>
public sealed record PlannedFilter(int FilterId, string ShortName, int Passes);

/// <summary>A <c>RequiredNeighbours</c> row to insert.</summary>
/// <param name="Table">Its <c>neighbourTable</c>, eg. u07bh99SourceNeighbours.</param>
/// <param name="SurveyId">Its <c>surveyID</c> (-99 for a self-neighbour table).</param>
/// <param name="ExtTableId">Its <c>extTableID</c> (-99 for a self-neighbour table).</param>
/// <param name="ExtProgId">Its <c>extProgID</c> (the programme itself for a self-neighbour table, else -99).</param>
/// <param name="Radius">Its <c>joinCriterion</c> (arcsec).</param>
/// <param name="With">What it pairs the programme's sources with, in words.</param>
/// <param name="Alias">For a cross-neighbour table, the external table's alias (<c>{ext}</c>); null for a self-neighbour table.</param>
public sealed record PlannedNeighbour(string Table, int SurveyId, int ExtTableId, int ExtProgId, double Radius, string With, string? Alias);

/// <summary>A checked registration: the rows it inserts and the tables it creates.</summary>
public sealed record RegistrationPlan
{
    /// <summary>The registration as the file gave it.</summary>
    public required ProgrammeRegistration Registration { get; init; }

    /// <summary>The programme's ID.</summary>
    public required int ProgrammeId { get; init; }

    /// <summary>Its acronym.</summary>
    public required string Acronym { get; init; }

    /// <summary>Its table prefix.</summary>
    public required string TablePrefix { get; init; }

    /// <summary>Its <c>Programme.description</c>: the file's description with the PI.</summary>
    public required string Description { get; init; }

    /// <summary>Its survey.</summary>
    public required PlannedSurvey Survey { get; init; }

    /// <summary>Its <c>RequiredFilters</c> rows.</summary>
    public required IReadOnlyList<PlannedFilter> Filters { get; init; }

    /// <summary>Its <c>RequiredNeighbours</c> rows.</summary>
    public required IReadOnlyList<PlannedNeighbour> Neighbours { get; init; }

    /// <summary>Its tables and their indices: the templates instantiated as <c>curate init</c> does (<see cref="ArchiveLayout.ForProgramme"/>).</summary>
    public required SchemaModel Layout { get; init; }

    /// <summary><c>U07BH99 (1003)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Acronym} ({ProgrammeId})");
}

/// <summary>
/// Checks a registration against the archive and the schema scripts and plans it: the programme ID (the next free one
/// of the open-time range unless given), acronym and table prefix (unique, and not another programme's acronym or
/// prefix), the PROJECT value (no programme may already claim it, by any rule of <see cref="ProgrammeIdentifier"/>),
/// the survey, the filters (passbands of <c>Filter</c> that the template's <c>{prog}MergeLog</c> has columns for), the
/// neighbour tables (external tables registered in <c>ExternalSurveyTable</c>), the lengths the <c>Programme</c>
/// columns allow, and the tables to create (none may exist already).
/// </summary>
public static class RegistrationPlanner
{
    /// <summary>The template of a programme's self-neighbour table.</summary>
    public const string SelfNeighbourTemplate = "{prog}SourceNeighbours";

    /// <summary>The template of a programme's cross-neighbour tables.</summary>
    public const string CrossNeighbourTemplate = "{prog}SourceX{ext}";

    /// <summary>The survey of a programme whose registration names none.</summary>
    public const string DefaultSurvey = "NONSURVEY";

    private const string MergeLogTemplate = "{prog}MergeLog";

    /// <summary>The plan of <paramref name="registration"/>, or null with <paramref name="problems"/> saying why not.</summary>
    public static RegistrationPlan? Plan(Session session, SchemaModel scripts, ProgrammeRegistration registration, List<RegistrationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var r = registration;
        void Problem(string field, string message) => problems.Add(new RegistrationProblem(r.Where(field), message));
        var programmeTable = scripts.Table("Programme") ?? throw new CurationInputException("the schema scripts define no table Programme");
        void Fits(string field, string column, string value)
        {
            if (programmeTable.Column(column)?.Type.Length is { } length && value.Length > length)
                Problem(field, string.Create(CultureInfo.InvariantCulture, $"is {value.Length} characters long; Programme.{column} holds {length}"));
        }

        var programmes = Programmes(session);

        // A registration made already (a rerun of the same file): one problem says so, not every clash it implies.
        var acronymWanted = r.Acronym ?? RegistrationFile.DefaultAcronym(r.Project);
        if (programmes.Find(p => p.DfsIdString.Equals(r.Project, StringComparison.OrdinalIgnoreCase)
                && (p.Acronym.Equals(acronymWanted, StringComparison.OrdinalIgnoreCase) || (r.ProgrammeId is { } id && p.Id == id))) is { } registered)
        {
            Problem("project", $"{registered.Describe()} is registered already: this registration has been made before "
                + "(to change a programme, edit its rows; see docs/register-programme.md)");
            return null;
        }

        // The programme ID.
        int programmeId;
        if (r.ProgrammeId is { } given)
        {
            programmeId = given;
            if (programmes.Find(p => p.Id == given) is { } taken)
                Problem("programmeID", string.Create(CultureInfo.InvariantCulture, $"programme {given} is already registered: {taken.Describe()}"));
        }
        else
        {
            programmeId = Math.Max(RegistrationFile.FirstNonSurveyId, programmes.Where(p => p.Id is >= RegistrationFile.FirstNonSurveyId and < 10000).Select(p => p.Id).DefaultIfEmpty(0).Max()) + 1;
        }

        // The PROJECT value: no registered programme may claim it already.
        var project = r.Project;
        Fits("project", "dfsIDString", project);
        var identifier = new ProgrammeIdentifier(programmes.Select(p => p.Entry));
        if (programmes.Find(p => p.DfsIdString.Equals(project, StringComparison.OrdinalIgnoreCase)) is { } same)
            Problem("project", $"PROJECT '{project}' is already registered, as {same.Describe()}");
        else if (identifier.Identify(project) is { IsKnown: true } claimed)
        {
            var owner = programmes.Find(p => p.Id == claimed.ProgrammeId)!;
            Problem("project", $"frames with PROJECT '{project}' already belong to {owner.Describe()} (rule {claimed.Rule}: see docs/programmes.md); "
                + "a non-survey programme registered for it would take them over");
        }

        // The acronym and the table prefix.
        var acronym = r.Acronym ?? RegistrationFile.DefaultAcronym(project);
        var acronymField = r.Acronym is null ? "project" : "acronym";
        Fits(acronymField, "acronym", acronym);
        if (acronym.Equals("NONE", StringComparison.OrdinalIgnoreCase))
            Problem(acronymField, "NONE is not an acronym");
        else if (programmes.Find(p => p.Acronym.Equals(acronym, StringComparison.OrdinalIgnoreCase)) is { } sameAcronym)
            Problem(acronymField, $"the acronym {acronym} belongs to {sameAcronym.Describe()} already; give another (\"acronym\")");
        else if (programmes.Find(p => p.HasTables && p.TablePrefix.Equals(acronym, StringComparison.OrdinalIgnoreCase)) is { } prefixOwner)
            Problem(acronymField, $"the acronym {acronym} is the table prefix of {prefixOwner.Describe()}, so '--programme {acronym}' would be ambiguous; give another (\"acronym\")");

        var prefix = r.TablePrefix ?? acronym.ToLowerInvariant();
        var prefixField = r.TablePrefix is null ? acronymField : "tablePrefix";
        Fits(prefixField, "tablePrefix", prefix);
        var prefixTaken = programmes.Exists(p => p.HasTables && p.TablePrefix.Equals(prefix, StringComparison.OrdinalIgnoreCase));
        if (programmes.Find(p => p.HasTables && p.TablePrefix.Equals(prefix, StringComparison.OrdinalIgnoreCase)) is { } samePrefix)
            Problem(prefixField, $"the table prefix {prefix} belongs to {samePrefix.Describe()} already; give another (\"tablePrefix\")");
        else if (programmes.Find(p => p.Acronym.Equals(prefix, StringComparison.OrdinalIgnoreCase) && !p.Acronym.Equals(acronym, StringComparison.OrdinalIgnoreCase)) is { } acronymOwner)
            Problem(prefixField, $"the table prefix {prefix} is the acronym of {acronymOwner.Describe()}, so '--programme {prefix}' would be ambiguous; give another (\"tablePrefix\")");

        // The texts.
        Fits("title", "title", r.Title);
        var description = r.Description is null ? $"PI: {r.Pi}" : $"{r.Description} (PI: {r.Pi})";
        Fits(r.Description is null ? "pi" : "description", "description", description);
        if (r.Reference is not null)
            Fits("reference", "reference", r.Reference);

        var survey = Survey(session, r, Problem);
        var filters = Filters(session, scripts, r, problems);
        var neighbours = Neighbours(session, r, prefix, programmeId, prefixTaken, problems);

        // The tables: the templates instantiated for this programme, none of them there already (unless the prefix is
        // another programme's, said above: its tables are that programme's).
        var layout = ArchiveLayout.ForProgramme(scripts, prefix, neighbours.Select(n => n.Table));
        var live = LiveSchemaReader.Read(session.Connection, session.Dialect, session.Transaction).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var table in layout.Tables.Where(_ => !prefixTaken))
        {
            if (table.Name.Length > ExternalTables.MaxNameLength)
                Problem(prefixField, string.Create(CultureInfo.InvariantCulture, $"the table {table.Name} would be longer than {ExternalTables.MaxNameLength} characters, which PostgreSQL cuts"));
            else if (live.Contains(session.Dialect.CatalogName(table.Name)))
                Problem(prefixField, $"the archive already has a table {table.Name}, which the programme's tables would replace (left by an earlier programme?); drop it or give another \"tablePrefix\"");
            else if (scripts.Table(table.Name) is { IsTemplate: false } concrete)
                Problem(prefixField, $"the programme's table {table.Name} would have the name of a table of the schema scripts ({concrete.Location}); give another \"tablePrefix\"");
        }

        foreach (var n in neighbours.Where(n => layout.Table(n.Table) is null))
            Problem("neighbours", $"the schema scripts have no template for the neighbour table {n.Table} ({SelfNeighbourTemplate} or {CrossNeighbourTemplate} of NeighbourSchema.sql)");

        if (problems.Count > before || survey is null)
            return null;

        // What CU3 will do with the programme registered: identify the PROJECT value as it.
        var after = new ProgrammeIdentifier([.. programmes.Select(p => p.Entry), new ProgrammeEntry(programmeId, acronym, project, IsNonSurvey: true)]);
        if (after.Identify(project).ProgrammeId != programmeId)
            throw new InvalidOperationException($"PROJECT '{project}' would not be identified as the programme registered for it");

        return new RegistrationPlan
        {
            Registration = r, ProgrammeId = programmeId, Acronym = acronym, TablePrefix = prefix, Description = description, Survey = survey,
            Filters = filters, Neighbours = neighbours, Layout = layout,
        };
    }

    private static PlannedSurvey? Survey(Session session, ProgrammeRegistration r, Action<string, string> problem)
    {
        var surveys = session.Query<(long Id, string Name, string Description)>(
            $"SELECT surveyID, surveyName, description FROM {session.Name("Survey")} ORDER BY surveyID")
            .Select(s => (Id: (int)s.Id, Name: s.Name.TrimEnd(), Description: s.Description.TrimEnd())).ToList();
        string Known() => string.Join(", ", surveys.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} ({s.Id})")));
        var wanted = r.Survey ?? new NameOrId(DefaultSurvey, null);
        var found = surveys.Where(s => wanted.Id is { } id ? s.Id == id : s.Name.Equals(wanted.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (found.Count > 0)
        {
            if (r.SurveyDescription is not null)
                problem("surveyDescription", $"is only for a new survey; survey {found[0].Name} ({found[0].Id.ToString(CultureInfo.InvariantCulture)}) is registered already");
            return new PlannedSurvey(found[0].Id, found[0].Name, found[0].Description, IsNew: false);
        }

        if (r.Survey is null)
        {
            problem("survey", $"the archive has no survey {DefaultSurvey}, to which non-survey programmes belong (known: {Known()}); name one (\"survey\")");
            return null;
        }

        if (wanted.Name is null || r.SurveyDescription is null)
        {
            problem("survey", $"there is no survey {wanted} in Survey (known: {Known()}); to register a new one, name it and give its \"surveyDescription\"");
            return null;
        }

        if (wanted.Name.Length > 32 || r.SurveyDescription.Length > 256)
        {
            problem(wanted.Name.Length > 32 ? "survey" : "surveyDescription", "is too long: Survey.surveyName holds 32 characters, Survey.description 256");
            return null;
        }

        var id = surveys.Count == 0 ? 1 : surveys.Max(s => s.Id) + 1;
        return new PlannedSurvey(id, wanted.Name, r.SurveyDescription, IsNew: true);
    }

    private static List<PlannedFilter> Filters(Session session, SchemaModel scripts, ProgrammeRegistration r, List<RegistrationProblem> problems)
    {
        var filters = session.Query<(long Id, string ShortName, string Type)>(
            $"SELECT filterID, shortName, filterType FROM {session.Name("Filter")} ORDER BY filterID")
            .Select(f => (Id: (int)f.Id, ShortName: f.ShortName.Trim(), Type: f.Type.Trim())).ToList();
        var passbands = filters.Where(f => !f.Type.Equals("NONE", StringComparison.OrdinalIgnoreCase)).ToList();
        var mergeLog = scripts.Table(MergeLogTemplate);
        var planned = new List<PlannedFilter>();
        foreach (var wanted in r.Filters)
        {
            void Problem(string message) => problems.Add(new RegistrationProblem(wanted.Where, message));
            var filter = filters.Find(f => f.ShortName.Equals(wanted.Filter, StringComparison.OrdinalIgnoreCase));
            if (filter.ShortName is null)
                Problem($"unknown filter '{wanted.Filter}' (the filters are {string.Join(", ", passbands.Select(f => f.ShortName))}: Filter.shortName)");
            else if (!passbands.Contains(filter))
                Problem($"'{filter.ShortName}' is not a passband (Filter {filter.Id.ToString(CultureInfo.InvariantCulture)}, filterType NONE); the filters are {string.Join(", ", passbands.Select(f => f.ShortName))}");
            else if (planned.Any(p => p.FilterId == filter.Id))
                Problem($"the filter {filter.ShortName} is listed twice");
            else if (mergeLog is not null && mergeLog.Column(filter.ShortName.ToLowerInvariant() + "mfID") is null)
                Problem($"{MergeLogTemplate} of the programme template has no columns for {filter.ShortName} ({filter.ShortName.ToLowerInvariant()}mfID ...), so CU7 could not merge it; add them to ProgrammeTemplate.sql first");
            else
                planned.Add(new PlannedFilter(filter.Id, filter.ShortName, wanted.Passes));
        }

        return planned;
    }

    private static List<PlannedNeighbour> Neighbours(Session session, ProgrammeRegistration r, string prefix, int programmeId, bool prefixTaken,
        List<RegistrationProblem> problems)
    {
        var external = ExternalTables.Registered(session);
        var registered = session.Query<string>($"SELECT neighbourTable FROM {session.Name("RequiredNeighbours")}").Select(n => n.TrimEnd())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var planned = new List<PlannedNeighbour>();
        foreach (var wanted in r.Neighbours)
        {
            void Problem(string message) => problems.Add(new RegistrationProblem(wanted.Where, message));
            PlannedNeighbour neighbour;
            if (wanted.Self)
            {
                neighbour = new PlannedNeighbour(TemplateNames.Fill(SelfNeighbourTemplate, Bind(prefix)), -99, -99, programmeId, wanted.Radius, "its own sources", null);
            }
            else
            {
                var surveys = external.GroupBy(t => t.SurveyId).Select(g => g.First()).ToList();
                var survey = wanted.Survey!;
                var inSurvey = external.Where(t => survey.Id is { } id ? t.SurveyId == id
                    : t.SurveyName.Equals(survey.Name, StringComparison.OrdinalIgnoreCase) || t.DatabaseName.Equals(survey.Name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (inSurvey.Count == 0)
                {
                    Problem($"unknown external survey {survey} (known: {(surveys.Count == 0 ? "none" : string.Join(", ", surveys.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.SurveyName} ({t.SurveyId})"))))}: "
                        + "ExternalSurvey; curate load-external registers one)");
                    continue;
                }

                var table = wanted.Table!;
                var found = inSurvey.Find(t => table.Id is { } id ? t.ExtTableId == id
                    : t.ExtTableName.Equals(table.Name, StringComparison.OrdinalIgnoreCase) || t.Alias.Equals(table.Name, StringComparison.OrdinalIgnoreCase));
                if (found is null)
                {
                    Problem($"external survey {inSurvey[0].SurveyName} ({inSurvey[0].SurveyId.ToString(CultureInfo.InvariantCulture)}) has no table {table} "
                        + $"(its tables: {string.Join(", ", inSurvey.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.ExtTableName} alias {t.Alias} ({t.ExtTableId})")))})");
                    continue;
                }

                var bindings = new Dictionary<string, string> { [ArchiveLayout.ProgrammePlaceholder] = prefix, ["ext"] = found.Alias };
                neighbour = new PlannedNeighbour(TemplateNames.Fill(CrossNeighbourTemplate, bindings), found.SurveyId, found.ExtTableId, -99, wanted.Radius,
                    $"{found.ExtTableName} of {found.SurveyName}", found.Alias);
            }

            if (planned.Any(p => p.Table.Equals(neighbour.Table, StringComparison.OrdinalIgnoreCase)))
                Problem($"the neighbour table {neighbour.Table} is asked for twice");
            else if (registered.Contains(neighbour.Table) && !prefixTaken)
                Problem($"RequiredNeighbours already has a row for a table {neighbour.Table} (left by an earlier programme?)");
            else if (neighbour.Table.Length > ExternalTables.MaxNameLength)
                Problem(string.Create(CultureInfo.InvariantCulture, $"the neighbour table {neighbour.Table} would be longer than {ExternalTables.MaxNameLength} characters, which PostgreSQL cuts; give a shorter \"tablePrefix\""));
            else
                planned.Add(neighbour);
        }

        return planned;
    }

    private static Dictionary<string, string> Bind(string prefix) => new() { [ArchiveLayout.ProgrammePlaceholder] = prefix };

    private static List<RegisteredProgramme> Programmes(Session session) =>
        session.Query<(long Id, string Acronym, string Title, string Dfs, string Prefix, long NonSurvey)>(
            $"SELECT programmeID, acronym, title, dfsIDString, tablePrefix, isNonSurvey FROM {session.Name("Programme")} ORDER BY programmeID")
            .Select(p => new RegisteredProgramme((int)p.Id, p.Acronym.TrimEnd(), p.Title.TrimEnd(), p.Dfs.Trim(), p.Prefix.TrimEnd(), p.NonSurvey != 0)).ToList();

    private sealed record RegisteredProgramme(int Id, string Acronym, string Title, string DfsIdString, string TablePrefix, bool IsNonSurvey)
    {
        public bool HasTables => TablePrefix.Length > 0 && !TablePrefix.Equals("NONE", StringComparison.OrdinalIgnoreCase);

        public ProgrammeEntry Entry => new(Id, Acronym, DfsIdString, IsNonSurvey);

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"programme {Acronym} ({Id}, PROJECT {DfsIdString}{(HasTables ? $", tables {TablePrefix}..." : "")})");
    }
}
