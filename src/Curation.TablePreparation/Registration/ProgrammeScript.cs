using System.Globalization;
using System.Text;
using Curation.Schema;
using Curation.Schema.Model;

namespace Curation.TablePreparation.Registration;

/// <summary>
/// Writes a registered programme's schema script: each template statement of the schema scripts that makes one of its
/// tables or indices (<c>ProgrammeTemplate.sql</c>, <c>NeighbourSchema.sql</c>, <c>Indices.sql</c>), copied as written
/// (its comment, its tags) with <c>{prog}</c> and <c>{ext}</c> filled, in the scripts' order. Read back by the schema
/// parser it gives the tables <see cref="Database.ArchiveLayout.ForProgramme"/> gives, which are the tables the archive
/// holds for the programme; it is the record of them, for reading and for the schema commands
/// (<c>curate schema dump u07bh99.sql</c>).
/// </summary>
public static class ProgrammeScript
{
    /// <summary>The script of <paramref name="plan"/>'s tables, made from <paramref name="scripts"/>.</summary>
    /// <param name="scripts">The parsed schema scripts (their files are read again for the statements' text).</param>
    /// <param name="plan">The checked registration.</param>
    /// <param name="made">Who made it, for the header: eg. <c>curate register-programme (cu21, event 12) on 2026-11-21</c>.</param>
    /// <exception cref="IOException">A script cannot be read again.</exception>
    public static string Write(SchemaModel scripts, RegistrationPlan plan, string made)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(plan);
        var files = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string[] Lines(string file) => files.TryGetValue(file, out var l) ? l : files[file] = File.ReadAllLines(file);

        // The bindings of each template: those that turn it into one of the programme's tables.
        var bindings = new Dictionary<string, List<IReadOnlyDictionary<string, string>>>(StringComparer.OrdinalIgnoreCase);
        foreach (var template in scripts.Tables.Where(t => t.IsTemplate))
        {
            var own = plan.Layout.Tables.Select(t => TemplateNames.Match(template.Name, t.Name))
                .OfType<IReadOnlyDictionary<string, string>>()
                .Where(b => b.TryGetValue(Database.ArchiveLayout.ProgrammePlaceholder, out var p) && p.Equals(plan.TablePrefix, StringComparison.OrdinalIgnoreCase))
                .Select(b => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(b) { [Database.ArchiveLayout.ProgrammePlaceholder] = plan.TablePrefix })
                .ToList();
            if (own.Count > 0)
                bindings[template.Name] = own;
        }

        var sources = new List<string>();
        var body = new StringBuilder();
        void Copy(SourceLocation at, IReadOnlyDictionary<string, string> values)
        {
            body.Append('\n').Append(TemplateNames.Fill(Statement(Lines(at.File), at.Line), values)).Append('\n');
            var name = Path.GetFileName(at.File);
            if (!sources.Contains(name))
                sources.Add(name);
        }

        foreach (var template in scripts.Tables.Where(t => bindings.ContainsKey(t.Name)))
        {
            foreach (var values in bindings[template.Name])
                Copy(template.Location, values);
        }

        foreach (var index in scripts.Indices.Where(i => i.IsTemplate && bindings.ContainsKey(i.Table)))
        {
            foreach (var values in bindings[index.Table])
                Copy(index.Location, values);
        }

        var r = plan.Registration;
        var header = new StringBuilder();
        header.Append("--=============================================================================\n--\n");
        header.Append(CultureInfo.InvariantCulture, $"-- {plan.TablePrefix}.sql\n--\n");
        foreach (var line in Wrap(
            $"The tables of the non-survey programme {plan} in the Curation archive: \"{r.Title}\", PROJECT {r.Project}. "
            + $"Made by {made} from the registration {Path.GetFileName(r.File)}: the template statements of {string.Join(", ", sources)} "
            + $"with {{prog}} = {plan.TablePrefix}"
            + (plan.Neighbours.Any(n => n.Alias is not null) ? " and {ext} = " + string.Join(", ", plan.Neighbours.Select(n => n.Alias).OfType<string>()) : "")
            + ". These are the tables the archive holds for the programme ('curate init' makes the same from its Programme and "
            + "RequiredNeighbours rows); the script is kept as their record."))
        {
            header.Append("-- ").Append(line).Append('\n');
        }

        header.Append("--\n--=============================================================================\n");
        return header.Append(body).ToString();
    }

    /// <summary>The text of the statement starting at <paramref name="line"/> (1-based): the comment lines just above it,
    /// and its lines up to its <c>GO</c> (or, without one, to the next blank line).</summary>
    private static string Statement(string[] lines, int line)
    {
        var start = line - 1;
        while (start > 0 && lines[start - 1].TrimStart().StartsWith("--", StringComparison.Ordinal) && !lines[start - 1].TrimStart().StartsWith("--=", StringComparison.Ordinal))
            start--;
        var end = line - 1;
        while (end < lines.Length - 1 && !lines[end].Trim().Equals("GO", StringComparison.OrdinalIgnoreCase) && lines[end + 1].Trim().Length > 0)
            end++;
        return string.Join('\n', lines[start..(end + 1)].Select(l => l.TrimEnd()));
    }

    private static IEnumerable<string> Wrap(string text, int width = 76)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
                line.Append(' ');
            line.Append(word);
        }

        if (line.Length > 0)
            yield return line.ToString();
    }
}
