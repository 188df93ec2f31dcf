using System.Globalization;
using Curation.Schema;
using Curation.Schema.Model;

namespace Curation.Sessions.TestHost;

/// <summary>
/// A programme task that loads <c>Units</c> units of <c>RowsPerUnit</c> rows into the table <c>UnitRow</c> with the bulk
/// loader, one unit per transaction, skipping units already loaded (so that a rerun finishes the job without
/// duplicates). It can fail in a given unit after loading half of it, and pause between rows so that a test can
/// interrupt it in the middle of a unit.
/// </summary>
public sealed class LoadingSession(CuSessionOptions options, TextWriter progress) : ProgCuSession(4, options)
{
    /// <summary>The table the session loads, as a schema script.</summary>
    public const string Script = """
        CREATE TABLE UnitRow (
          unit int not null, --/D The unit that loaded the row
          seq int not null, --/D The row's number in its unit
          cuEventID int not null, --/D The event that loaded it
          value float not null, --/D A value
          CONSTRAINT pk_UnitRow PRIMARY KEY (unit, seq)
        )
        """;

    private static readonly TableDef Table = SchemaScriptParser.Parse(Script, "unit-row.sql").Tables.Single();

    /// <summary>Units to load.</summary>
    public int Units { get; init; } = 5;

    /// <summary>Rows per unit.</summary>
    public int RowsPerUnit { get; init; } = 100;

    /// <summary>The unit (1-based) that throws half-way, or 0.</summary>
    public int FailInUnit { get; init; }

    /// <summary>Pause after each row of a unit, in milliseconds.</summary>
    public int RowDelayMilliseconds { get; init; }

    /// <summary>Creates the table the session loads (once).</summary>
    public static void CreateTable(Curation.Database.Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var statement in session.Dialect.CreateTable(Table))
            session.Execute(statement);
    }

    /// <inheritdoc />
    protected override void Work()
    {
        for (var unit = 1; unit <= Units; unit++)
        {
            if (Database.Scalar<long>("SELECT COUNT(*) FROM UnitRow WHERE unit = @unit", new { unit }) > 0)
            {
                Log.Info("Unit {Unit} was loaded by an earlier run", unit);
                continue;
            }

            var u = unit;
            Unit($"loading unit {u} into UnitRow for {Programme}", () =>
            {
                using var loader = Database.Load(Table);
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unit {u} started"));
                progress.Flush();
                for (var seq = 1; seq <= RowsPerUnit; seq++)
                {
                    if (u == FailInUnit && seq > RowsPerUnit / 2)
                        throw new CurationInputException($"unit {u} row {seq}: value out of range (a test failure)");
                    loader.AddRow(u, seq, CuEventId, u + (seq / 1000.0));
                    if (RowDelayMilliseconds > 0)
                    {
                        Thread.Sleep(RowDelayMilliseconds);
                        Cancellation.ThrowIfCancellationRequested();
                    }
                }

                loader.Complete();
            });
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unit {u} committed"));
            progress.Flush();
        }
    }
}
