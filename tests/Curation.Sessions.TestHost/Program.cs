using System.Globalization;
using Curation.Database;
using Curation.Sessions;
using Curation.Sessions.TestHost;

// Usage: Curation.Sessions.TestHost DB-URL LOG-DIR PROGRAMME UNITS ROWS-PER-UNIT ROW-DELAY-MS
// Prints "unit N started" as each unit begins and "unit N committed" after it; log lines go to standard error. Exit code: the session's.
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: Curation.Sessions.TestHost DB-URL LOG-DIR PROGRAMME UNITS ROWS-PER-UNIT ROW-DELAY-MS");
    return 2;
}

var options = new CuSessionOptions
{
    Database = DatabaseUrl.Parse(args[0]),
    LogDirectory = args[1],
    Programme = args[2],
    Curator = "testhost",
    Comment = "killable test run",
};
var session = new LoadingSession(options, Console.Out)
{
    Units = int.Parse(args[3], CultureInfo.InvariantCulture),
    RowsPerUnit = int.Parse(args[4], CultureInfo.InvariantCulture),
    RowDelayMilliseconds = int.Parse(args[5], CultureInfo.InvariantCulture),
};
Console.Out.WriteLine("started");
Console.Out.Flush();
return session.Run(Console.Error);
