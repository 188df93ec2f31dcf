using System.Text;
using System.Text.RegularExpressions;
using Curation.Schema.Model;

namespace Curation.Schema.Docs;

/// <summary>Writes the static HTML schema browser: an index page, one page per table family and a style sheet.</summary>
/// <remarks>
/// The pages need no JavaScript and no external resources. Only documented tables (<c>CREATE TABLE</c> in capitals)
/// are shown, in script order. Descriptions (<c>--/D</c>) and table texts (<c>--/T</c>) are rendered as HTML through
/// <see cref="DescriptionSanitizer"/>; every other text (names, types, units, UCDs, sources, headers) is escaped.
/// The output holds no timestamps and no machine-specific paths, so two runs on the same scripts give identical bytes.
/// </remarks>
public static partial class SchemaDocsWriter
{
    /// <summary>The name of the style sheet written next to the pages.</summary>
    public const string StyleSheetName = "style.css";

    /// <summary>The name of the index page.</summary>
    public const string IndexPageName = "index.html";

    /// <summary>The note shown on template tables.</summary>
    public const string TemplateNote = "One table per programme: {prog} is the programme's table prefix.";

    /// <summary>The note shown on tables private to the curation database (<c>--/P</c>), before the reason.</summary>
    public const string CurationOnlyNote = "Curation only: releases leave this table out.";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();

    /// <summary>Writes the browser for <paramref name="model"/> into <paramref name="outputDirectory"/> (created when missing) and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(SchemaModel model, string outputDirectory, string title)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(title);
        Directory.CreateDirectory(outputDirectory);

        var site = new Site(model, title);
        var written = new List<string>();
        void Emit(string name, string text)
        {
            var path = Path.Combine(outputDirectory, name);
            File.WriteAllText(path, text, Utf8NoBom);
            written.Add(path);
        }

        Emit(IndexPageName, site.IndexPage());
        foreach (var family in site.Families)
            Emit(site.PageOf(family), site.FamilyPage(family));
        Emit(StyleSheetName, SchemaDocsStyle.Css.ReplaceLineEndings("\n") + "\n");
        return written;
    }

    /// <summary>The file name of a family's page: <c>family.html</c> (a family called <c>index</c> gets <c>family-index.html</c>).</summary>
    public static string FamilyPageName(string family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return family.Equals("index", StringComparison.OrdinalIgnoreCase) ? $"family-{family}.html" : $"{family}.html";
    }

    /// <summary>Escapes text for HTML content and quoted attribute values.</summary>
    internal static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' => sb.Append("&quot;"),
                '\'' => sb.Append("&#39;"),
                '\0' => sb,
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>The paragraphs of a <c>--/T</c> text: lines joined with spaces, a blank line starting a new paragraph.</summary>
    internal static IReadOnlyList<string> Paragraphs(string? text)
    {
        var paragraphs = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
            return paragraphs;
        var current = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                if (current.Count > 0)
                    paragraphs.Add(string.Join(' ', current));
                current.Clear();
            }
            else
            {
                current.Add(trimmed);
            }
        }

        if (current.Count > 0)
            paragraphs.Add(string.Join(' ', current));
        return paragraphs;
    }

    /// <summary>One rendering of a model: families, pages and anchors.</summary>
    private sealed class Site
    {
        private readonly SchemaModel _model;
        private readonly string _title;
        private readonly Dictionary<string, string> _pages = new(StringComparer.Ordinal);
        private readonly Dictionary<TableDef, string> _anchors = [];

        public Site(SchemaModel model, string title)
        {
            _model = model;
            _title = title;
            var usedPages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { IndexPageName, StyleSheetName };
            foreach (var table in model.Tables)
            {
                if (_pages.ContainsKey(table.Family))
                    continue;
                Families.Add(table.Family);
                var page = FamilyPageName(table.Family);
                for (var n = 2; !usedPages.Add(page); n++)
                    page = $"{FamilyPageName(table.Family)[..^5]}-{n}.html";
                _pages[table.Family] = page;
            }

            foreach (var family in Families)
            {
                var usedIds = new HashSet<string>(StringComparer.Ordinal);
                foreach (var table in Documented(family))
                {
                    var id = table.Name;
                    if (!usedIds.Add(id))
                    {
                        id = table.QualifiedName;
                        for (var n = 2; !usedIds.Add(id); n++)
                            id = $"{table.QualifiedName}-{n}";
                    }

                    _anchors[table] = id;
                }
            }
        }

        /// <summary>The families in the order their first table appears.</summary>
        public List<string> Families { get; } = [];

        public string PageOf(string family) => _pages[family];

        private IEnumerable<TableDef> Documented(string family) =>
            _model.Tables.Where(t => t.Family == family && t.Documented);

        private string ScriptOf(string family) =>
            _model.Files.Select(Path.GetFileName).FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == family) ?? family;

        private static string Href(string page) => Escape(Uri.EscapeDataString(page));

        private static int ColumnCount(IEnumerable<TableDef> tables) => tables.Sum(t => t.Columns.Count);

        // ---- index -----------------------------------------------------------------------------

        public string IndexPage()
        {
            var h = new StringBuilder();
            PageStart(h, _title, current: null);
            h.Append("<h1>").Append(Escape(_title)).Append("</h1>\n");
            var scripts = _model.Files.Select(Path.GetFileName).ToList();
            h.Append("<p class=\"lead\">Schema browser generated from ").Append(scripts.Count)
                .Append(scripts.Count == 1 ? " schema script" : " schema scripts").Append(".</p>\n");

            var documented = _model.Tables.Where(t => t.Documented).ToList();
            h.Append("<div class=\"counts\">");
            Count(h, Families.Count, "families");
            Count(h, documented.Count(t => t.Kind == TableKind.Table), "tables");
            if (documented.Any(t => t.Kind == TableKind.View))
                Count(h, documented.Count(t => t.Kind == TableKind.View), "views");
            Count(h, ColumnCount(documented), "columns");
            h.Append("</div>\n");

            foreach (var family in Families)
            {
                var tables = Documented(family).ToList();
                var hidden = _model.Tables.Count(t => t.Family == family && !t.Documented);
                h.Append("<section class=\"family\" id=\"family-").Append(Escape(family)).Append("\">\n");
                h.Append("<h2><a href=\"").Append(Href(PageOf(family))).Append("\">").Append(Escape(family)).Append("</a></h2>\n");
                h.Append("<p class=\"lead\">").Append(tables.Count).Append(tables.Count == 1 ? " table" : " tables")
                    .Append(", ").Append(ColumnCount(tables)).Append(" columns");
                if (hidden > 0)
                    h.Append("; ").Append(hidden).Append(" undocumented ").Append(hidden == 1 ? "table" : "tables").Append(" not shown");
                h.Append(".</p>\n");
                if (tables.Count == 0)
                {
                    h.Append("<p class=\"empty\">No documented tables.</p>\n</section>\n");
                    continue;
                }

                h.Append("<table class=\"family-list\">\n<colgroup><col class=\"f-name\"><col class=\"f-kind\"><col class=\"f-cols\"><col></colgroup>\n");
                h.Append("<thead><tr><th>Table</th><th>Kind</th><th>Columns</th><th>Description</th></tr></thead>\n<tbody>\n");
                foreach (var t in tables)
                {
                    h.Append("<tr><td><a href=\"").Append(Href(PageOf(family))).Append('#').Append(Escape(_anchors[t])).Append("\">")
                        .Append(Escape(t.QualifiedName)).Append("</a></td><td>").Append(KindLabel(t)).Append("</td><td>")
                        .Append(t.Columns.Count).Append("</td><td class=\"h\">").Append(Escape(t.Header)).Append("</td></tr>\n");
                }

                h.Append("</tbody>\n</table>\n</section>\n");
            }

            PageEnd(h);
            return h.ToString();
        }

        private static void Count(StringBuilder h, int n, string what) =>
            h.Append("<div><b>").Append(n).Append("</b>").Append(what).Append("</div>");

        private static string KindLabel(TableDef t) =>
            (t.Kind == TableKind.View ? "view" : "table") + (t.IsTemplate ? " template" : "");

        // ---- family page -----------------------------------------------------------------------

        public string FamilyPage(string family)
        {
            var h = new StringBuilder();
            var tables = Documented(family).ToList();
            PageStart(h, $"{family} — {_title}", family);
            h.Append("<h1>").Append(Escape(family)).Append("</h1>\n");
            h.Append("<p class=\"lead\">").Append(tables.Count).Append(tables.Count == 1 ? " table" : " tables").Append(", ")
                .Append(ColumnCount(tables)).Append(" columns, from ").Append(Escape(ScriptOf(family))).Append(".</p>\n");
            if (tables.Count == 0)
            {
                h.Append("<p class=\"empty\">No documented tables.</p>\n");
                PageEnd(h);
                return h.ToString();
            }

            h.Append("<ul class=\"toc\">\n");
            foreach (var t in tables)
            {
                h.Append("<li><a href=\"#").Append(Escape(_anchors[t])).Append("\">").Append(Escape(t.QualifiedName)).Append("</a>");
                if (!string.IsNullOrWhiteSpace(t.Header))
                    h.Append(" <span class=\"h\">— ").Append(Escape(t.Header)).Append("</span>");
                h.Append("</li>\n");
            }

            h.Append("</ul>\n");
            foreach (var t in tables)
                TableSection(h, t);
            PageEnd(h);
            return h.ToString();
        }

        private void TableSection(StringBuilder h, TableDef t)
        {
            var id = _anchors[t];
            h.Append("<section class=\"table\" id=\"").Append(Escape(id)).Append("\">\n");
            h.Append("<h2><a href=\"#").Append(Escape(id)).Append("\">").Append(Escape(t.QualifiedName)).Append("</a>");
            h.Append("<span class=\"kind").Append(t.Kind == TableKind.View ? " view" : "").Append("\">")
                .Append(t.Kind == TableKind.View ? "view" : "table").Append("</span>");
            if (t.IsTemplate)
                h.Append("<span class=\"kind template\">template</span>");
            h.Append("</h2>\n");
            if (!string.IsNullOrWhiteSpace(t.Header))
                h.Append("<p class=\"header\">").Append(Escape(t.Header)).Append("</p>\n");
            if (t.IsTemplate)
            {
                h.Append("<p class=\"note\">").Append(Escape(TemplateNote));
                var others = Placeholder().Matches(t.Name).Select(m => m.Value).Where(p => p != "{prog}").Distinct().ToList();
                if (others.Count > 0)
                    h.Append(" Also filled in: ").Append(Escape(string.Join(", ", others))).Append('.');
                h.Append("</p>\n");
            }

            if (t.CurationOnly is { } why)
                h.Append("<p class=\"note\">").Append(Escape(CurationOnlyNote)).Append(' ').Append(Escape(why)).Append("</p>\n");

            var paragraphs = Paragraphs(t.Text);
            if (paragraphs.Count > 0)
            {
                h.Append("<div class=\"text desc\">\n");
                foreach (var p in paragraphs)
                    h.Append("<p>").Append(DescriptionSanitizer.Sanitize(p)).Append("</p>\n");
                h.Append("</div>\n");
            }

            Keys(h, t);
            if (t.ViewQuery is { } query)
            {
                h.Append("<details class=\"query\"><summary>View definition</summary><pre>")
                    .Append(Escape(query.Trim())).Append("</pre></details>\n");
            }

            Columns(h, t);
            h.Append("</section>\n");
        }

        private void Keys(StringBuilder h, TableDef t)
        {
            var indices = _model.Indices.Where(ix => string.Equals(ix.Table, t.Name, StringComparison.OrdinalIgnoreCase)
                && (ix.Schema is null || t.Schema is null || string.Equals(ix.Schema, t.Schema, StringComparison.OrdinalIgnoreCase))).ToList();
            if (t.PrimaryKey.Count == 0 && t.ForeignKeys.Count == 0 && t.Uniques.Count == 0 && indices.Count == 0)
                return;
            h.Append("<dl class=\"keys\">\n");
            if (t.PrimaryKey.Count > 0)
            {
                h.Append("<dt>Primary key</dt><dd><code>").Append(Escape(string.Join(", ", t.PrimaryKey))).Append("</code>");
                if (t.PrimaryKeyName is { } pk)
                    h.Append(" <span class=\"h\">(").Append(Escape(pk)).Append(")</span>");
                h.Append("</dd>\n");
            }

            foreach (var fk in t.ForeignKeys)
            {
                h.Append("<dt>Foreign key</dt><dd><code>").Append(Escape(string.Join(", ", fk.Columns))).Append("</code> → ");
                var target = _model.Table(fk.ReferencedTable);
                var refColumns = fk.ReferencedColumns.Count > 0 ? fk.ReferencedColumns
                    : target?.PrimaryKey ?? (IReadOnlyList<string>)[];
                var label = Escape(target?.QualifiedName ?? fk.ReferencedTable);
                if (target is not null && _anchors.TryGetValue(target, out var anchor))
                {
                    var page = PageOf(target.Family);
                    h.Append("<a href=\"").Append(target.Family == t.Family ? "" : Href(page)).Append('#').Append(Escape(anchor))
                        .Append("\">").Append(label).Append("</a>");
                }
                else
                {
                    h.Append(label);
                }

                if (refColumns.Count > 0)
                    h.Append(" <code>(").Append(Escape(string.Join(", ", refColumns))).Append(")</code>");
                if (fk.Name is { } name)
                    h.Append(" <span class=\"h\">(").Append(Escape(name)).Append(")</span>");
                h.Append("</dd>\n");
            }

            foreach (var u in t.Uniques)
            {
                h.Append("<dt>Unique</dt><dd><code>").Append(Escape(string.Join(", ", u.Columns))).Append("</code>");
                if (u.Name is { } name)
                    h.Append(" <span class=\"h\">(").Append(Escape(name)).Append(")</span>");
                h.Append("</dd>\n");
            }

            foreach (var ix in indices)
            {
                h.Append("<dt>").Append(ix.Unique ? "Unique index" : "Index").Append("</dt><dd><code>")
                    .Append(Escape(string.Join(", ", ix.Columns.Select(c => c.Descending ? c.Name + " DESC" : c.Name)))).Append("</code>");
                if (ix.Include.Count > 0)
                    h.Append(" including <code>").Append(Escape(string.Join(", ", ix.Include))).Append("</code>");
                h.Append(" <span class=\"h\">(").Append(Escape(ix.Name)).Append(")</span></dd>\n");
            }

            h.Append("</dl>\n");
        }

        private static void Columns(StringBuilder h, TableDef t)
        {
            if (t.Columns.Count == 0)
            {
                h.Append("<p class=\"empty\">No columns.</p>\n");
                return;
            }

            h.Append("<table class=\"cols\">\n<colgroup><col class=\"c-name\"><col class=\"c-type\"><col class=\"c-null\"><col class=\"c-unit\">")
                .Append("<col class=\"c-ucd\"><col class=\"c-desc\"><col class=\"c-src\"></colgroup>\n");
            h.Append("<thead><tr><th>Column</th><th>Type</th><th>Null / default</th><th>Units</th><th>UCD</th><th>Description</th><th>Data source</th></tr></thead>\n<tbody>\n");
            var keys = new HashSet<string>(t.PrimaryKey, StringComparer.OrdinalIgnoreCase);
            foreach (var c in t.Columns)
            {
                h.Append("<tr><td class=\"name\">").Append(Escape(c.Name));
                if (keys.Contains(c.Name))
                    h.Append("<span class=\"pk\" title=\"primary key\">PK</span>");
                h.Append("</td><td class=\"type\">").Append(Escape(c.Type.Canonical)).Append("</td><td class=\"null\">")
                    .Append(c.Nullable ? "null" : "not null");
                if (c.IsIdentity)
                    h.Append("<br>identity");
                if (c.DefaultValue is { } dv)
                    h.Append("<br>default <code>").Append(Escape(dv)).Append("</code>");
                h.Append("</td><td class=\"unit\">").Append(Escape(c.Unit)).Append("</td><td class=\"ucd\">").Append(Escape(c.Ucd))
                    .Append("</td><td class=\"desc\">").Append(DescriptionSanitizer.Sanitize(c.Description)).Append("</td><td class=\"src\">");
                Source(h, c);
                h.Append("</td></tr>\n");
            }

            h.Append("</tbody>\n</table>\n");
        }

        private static void Source(StringBuilder h, ColumnDef c)
        {
            var describe = c.Source.Describe();
            if (describe.Length > 0)
            {
                // A default "source" repeats the null/default column: shown, but muted.
                h.Append(c.Source is ColumnSource.Default ? "<span class=\"extra\">" : "<span>")
                    .Append(Escape(describe)).Append("</span>");
            }
            if (c.HtmLevel is { } level)
                h.Append("<span class=\"extra\">HTM level ").Append(level).Append("</span>");
            var allowed = c.AllowedValues;
            if (allowed.Count > 0)
                h.Append("<span class=\"extra\">values: ").Append(Escape(string.Join(", ", allowed))).Append("</span>");
            if (c.Range is { } range && (range.Min is not null || range.Max is not null))
            {
                var text = range switch
                {
                    { Min: { } min, Max: { } max } => $"range {min} to {max}",
                    { Min: { } min } => $"range ≥ {min}",
                    _ => $"range ≤ {range.Max}",
                };
                h.Append("<span class=\"extra\">").Append(Escape(text)).Append("</span>");
            }
        }

        // ---- page frame ------------------------------------------------------------------------

        private void PageStart(StringBuilder h, string pageTitle, string? current)
        {
            h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>").Append(Escape(pageTitle)).Append("</title>\n")
                .Append("<link rel=\"stylesheet\" href=\"").Append(StyleSheetName).Append("\">\n</head>\n<body>\n");
            h.Append("<nav class=\"top\"><a class=\"home\" href=\"").Append(IndexPageName).Append('"');
            if (current is null)
                h.Append(" aria-current=\"page\"");
            h.Append('>').Append(Escape(_title)).Append("</a>");
            foreach (var family in Families)
            {
                h.Append("<a href=\"").Append(Href(PageOf(family))).Append('"');
                if (family == current)
                    h.Append(" aria-current=\"page\"");
                h.Append('>').Append(Escape(family)).Append("</a>");
            }

            h.Append("</nav>\n<main>\n");
        }

        private void PageEnd(StringBuilder h)
        {
            h.Append("<footer>Generated from ")
                .Append(Escape(string.Join(", ", _model.Files.Select(Path.GetFileName))))
                .Append(".</footer>\n</main>\n</body>\n</html>\n");
        }
    }
}
