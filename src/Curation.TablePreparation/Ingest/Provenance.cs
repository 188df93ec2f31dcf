using System.Globalization;
using System.Text.RegularExpressions;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Fits;

namespace Curation.TablePreparation.Ingest;

/// <summary>
/// The provenance of combined frames (stacks, interleaved frames, confidence maps): a combined frame's header names its
/// components in <c>PROV0001</c>, <c>PROV0002</c>, ... (<c>PROV0000</c> says how it was formed). A component becomes a
/// <c>Provenance</c> row once it is itself in <c>Multiframe</c>; <see cref="Fill"/> adds the rows of components
/// that arrived after their combined frame, from the cards kept in <c>HeaderCard</c>.
/// </summary>
public static partial class Provenance
{
    /// <summary>Records the components a combined frame's headers name: returns how many it names and how many are ingested.</summary>
    public static (int Named, int Found) Record(Session session, long combinedFrameId, int cuEventId, FitsFile fits)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(fits);
        var names = fits.Hdus.SelectMany(h => h.Header)
            .Where(c => ComponentKeyword().IsMatch(c.Keyword) && c.Value.TextValue is { Length: > 0 })
            .Select(c => c.Value.TextValue!.Trim())
            .Distinct(StringComparer.Ordinal).ToList();
        var found = names.Count(n => Add(session, combinedFrameId, n, cuEventId));
        return (names.Count, found);
    }

    /// <summary>Adds the provenance rows of every component now ingested whose combined frame was ingested before it; returns the rows added.</summary>
    public static int Fill(Session session, int cuEventId)
    {
        ArgumentNullException.ThrowIfNull(session);
        var cards = session.QueryRows($"SELECT DISTINCT multiframeID, value FROM {session.Name("HeaderCard")} WHERE keyword LIKE 'PROV%' AND keyword <> 'PROV0000'");
        var added = 0;
        foreach (var card in cards)
        {
            var component = Convert.ToString(card["value"], CultureInfo.InvariantCulture)?.Trim();
            if (string.IsNullOrEmpty(component))
                continue;
            if (Add(session, Convert.ToInt64(card["multiframeID"], CultureInfo.InvariantCulture), component, cuEventId))
                added++;
        }

        return added;
    }

    /// <summary>Adds the row for one component when it is ingested and the row is missing; true when the row was added.</summary>
    private static bool Add(Session session, long combinedFrameId, string componentName, int cuEventId)
    {
        var file = BracketSuffix().Replace(componentName, "").Trim();
        if (file.Length == 0)
            return false;
        Func<string, string> p = SqlDialect.Parameter;
        var name = Path.GetFileName(file);
        var component = session.QueryRows($"SELECT multiframeID, fileName FROM {session.Name("Multiframe")} WHERE fileName = {p("f")} OR fileName LIKE {p("l")}",
                new { f = file, l = "%" + name })
            .Where(r => Convert.ToString(r["fileName"], CultureInfo.InvariantCulture)!.TrimEnd() is var n && (n == file || n.EndsWith("/" + name, StringComparison.Ordinal)))
            .Select(r => Convert.ToInt64(r["multiframeID"], CultureInfo.InvariantCulture))
            .Where(id => id != combinedFrameId).Order().FirstOrDefault();
        if (component == 0)
            return false;
        return session.InsertIfMissing("Provenance", new { combinedframeID = combinedFrameId, multiframeID = component, cuEventID = cuEventId, componentName },
            "combinedframeID", "multiframeID") > 0;
    }

    [GeneratedRegex(@"^PROV(?!0000$)\d{4}$", RegexOptions.IgnoreCase)]
    private static partial Regex ComponentKeyword();

    [GeneratedRegex(@"\[[^\]]*\]$")]
    private static partial Regex BracketSuffix();
}
