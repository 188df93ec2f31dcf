using System.CommandLine;
using Curation.TablePreparation.Ingest;

namespace Curation.Invocations.Commands.Ingest;

/// <summary>The options CU3 and CU4 share: which files, and how strictly.</summary>
internal static class IngestOptions
{
    /// <summary>The files to ingest.</summary>
    public static readonly Option<FileInfo[]> Files = new("--file")
    {
        Description = "Ingest these files (registered first if they are new) instead of every file waiting for the task.",
        HelpName = "FILE",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>A file listing the files to ingest.</summary>
    public static readonly Option<FileInfo?> List = new("--list")
    {
        Description = "Ingest the files listed in LIST, one path per line (# comments; relative paths from LIST's directory).",
        HelpName = "LIST",
    };

    /// <summary>Reject a file on the first bad value.</summary>
    public static readonly Option<bool> Strict = new("--strict")
    {
        Description = "Reject a file with any value of the wrong type or outside its --/V or --/R (by default the value is reported and takes its default).",
    };

    /// <summary>Ingest again files already ingested and unchanged.</summary>
    public static readonly Option<bool> Reingest = new("--reingest")
    {
        Description = "Ingest the files again even if unchanged since they were ingested (a changed file is always ingested again).",
    };

    /// <summary>Every shared option.</summary>
    public static Symbol[] All => [Files, List, Strict, Reingest];

    /// <summary>The request the options make.</summary>
    public static IngestRequest Request(ParseResult parseResult)
    {
        var files = (parseResult.GetValue(Files) ?? []).Select(f => f.FullName).ToList();
        if (parseResult.GetValue(List) is { } list)
            files.AddRange(IngestRequest.ReadList(list.FullName));
        return new IngestRequest { Files = files, Strict = parseResult.GetValue(Strict), Reingest = parseResult.GetValue(Reingest) };
    }
}
