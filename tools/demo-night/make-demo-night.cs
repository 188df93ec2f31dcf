#:project ../../src/Curation.TablePreparation/Curation.TablePreparation.csproj
#:property PublishAot=false
// Writes the demonstration night (DemoNight.Write) and prints a line per file; run by tools/make-demo-night.
using System.Globalization;
using Curation.TablePreparation.Demo;

const string usage = "usage: tools/make-demo-night [DIR] [--seed N] [--date yyyymmdd]   (DIR defaults to demo/nights)";
var directory = "demo/nights";
var options = new DemoNightOptions();
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    if (args[i] is "-h" or "--help")
    {
        Console.WriteLine(usage);
        return 0;
    }

    if (args[i] == "--seed" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
        (options, i) = (options with { Seed = seed }, i + 1);
    else if (args[i] == "--date" && DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        (options, i) = (options with { UtDate = date }, i + 1);
    else if (i == 0 && !args[i].StartsWith('-'))
        directory = args[i];
    else
    {
        Console.Error.WriteLine($"error: cannot use '{args[i]}'{(value is null || !args[i].StartsWith("--", StringComparison.Ordinal) ? "" : $" '{value}'")}");
        Console.Error.WriteLine(usage);
        return 2;
    }
}

var night = DemoNight.Write(directory, options);
foreach (var f in night.Files)
{
    var detections = f.Detections > 0 ? f.Detections.ToString(CultureInfo.InvariantCulture) : "";
    Console.WriteLine($"{f.Name,-32} {f.Kind,-10} {f.Project,-15} {f.ExpectedAcronym ?? "(unknown)",-9} {f.Object,-22} {f.Filter,-2} {detections}");
}

Console.WriteLine($"{night.Files.Count} files, {night.TotalDetections} detections in {night.Directory}");
return 0;
