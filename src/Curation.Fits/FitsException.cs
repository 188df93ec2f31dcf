namespace Curation.Fits;

/// <summary>
/// A FITS file could not be read (or written): names the file, the HDU (0-based, as <c>fitsinfo</c> and astropy
/// count), the keyword or column when one is at fault, and what CFITSIO said.
/// </summary>
public class FitsException : Exception
{
    /// <summary>Creates the exception; the message is built from the parts.</summary>
    public FitsException(string file, int? hdu, string problem, int status = 0, string? detail = null, Exception? inner = null)
        : base(Compose(file, hdu, problem, status, detail), inner)
    {
        File = file;
        Hdu = hdu;
        Problem = problem;
        Status = status;
        Detail = detail;
    }

    /// <summary>The file being read.</summary>
    public string File { get; }

    /// <summary>The 0-based HDU index, when the problem is in one HDU.</summary>
    public int? Hdu { get; }

    /// <summary>What went wrong, in words (without the file and HDU).</summary>
    public string Problem { get; }

    /// <summary>CFITSIO's status code, 0 when the problem was found by this layer.</summary>
    public int Status { get; }

    /// <summary>CFITSIO's error message stack, most specific first, or null.</summary>
    public string? Detail { get; }

    private static string Compose(string file, int? hdu, string problem, int status, string? detail)
    {
        var where = hdu is { } h ? $"{file}, HDU {h}" : file;
        var text = $"{where}: {problem}";
        if (detail is { Length: > 0 })
            text += $" (CFITSIO: {detail})";
        else if (status != 0)
            text += $" (CFITSIO status {status})";
        return text;
    }
}
