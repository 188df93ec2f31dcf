using Curation.Database;
using Curation.Sessions;
using NUnit.Framework;

namespace Curation.Database.Tests;

/// <summary>
/// What the test archives share (<c>CurationTestArchive</c> and the release tests' <c>ReleaseArchive</c>): the row
/// queries on an archive, each in a session of its own, and running a task's session with what it printed kept and
/// echoed to the test's output. Linked into the test projects that run tasks.
/// </summary>
internal static class ArchiveAccess
{
    public static long Count(DatabaseUrl url, string table, string where = "1 = 1")
    {
        using var s = Session.Open(url);
        return s.Scalar<long>($"SELECT COUNT(*) FROM {s.Name(table)} WHERE {where}");
    }

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows(DatabaseUrl url, string sql, object? parameters = null)
    {
        using var s = Session.Open(url);
        return s.QueryRows(sql, parameters);
    }

    public static int Execute(DatabaseUrl url, string sql, object? parameters = null)
    {
        using var s = Session.Open(url);
        return s.Execute(sql, parameters);
    }

    /// <summary>Runs <paramref name="session"/>; returns its exit code, what it printed to <paramref name="output"/> and
    /// what it logged to the terminal, both also written to the test's output.</summary>
    public static (int Code, string Output, string Terminal) Run(CuSession session, StringWriter output)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(output);
        using var terminal = new StringWriter();
        var code = session.Run(terminal);
        var (printed, logged) = (output.ToString(), terminal.ToString());
        TestContext.Out.WriteLine(printed);
        TestContext.Out.WriteLine(logged);
        return (code, printed, logged);
    }
}
