using Curation.Fits;
using Curation.Fits.Headers;
using Curation.Schema.Model;

namespace Curation.TablePreparation.Preparation;

/// <summary>
/// The headers a row's <c>--/K</c> tags can name: the HDU the row is ingested from (no prefix), the file's primary
/// HDU (<c>PRIMARY.</c>), the catalogue table of the same detector (<c>BINTABLE.</c>), and any extension of the file
/// by name or number.
/// </summary>
public sealed class HeaderSources
{
    /// <summary>Creates the sources of a row ingested from <paramref name="hdu"/>, with the catalogue table of the same detector when there is one.</summary>
    public HeaderSources(FitsHdu hdu, FitsHdu? catalogueTable = null)
    {
        ArgumentNullException.ThrowIfNull(hdu);
        Hdu = hdu;
        CatalogueTable = catalogueTable;
    }

    /// <summary>The HDU the row is ingested from.</summary>
    public FitsHdu Hdu { get; }

    /// <summary>The catalogue's binary table for the same detector, when there is one.</summary>
    public FitsHdu? CatalogueTable { get; }

    /// <summary>The HDU a tag names, or null when the file has no such HDU.</summary>
    public FitsHdu? Find(HduRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var file = Hdu.File;
        return reference.Kind switch
        {
            HduRefKind.Default => Hdu,
            HduRefKind.Primary => file.Hdus[0],
            HduRefKind.FirstBinaryTable => CatalogueTable ?? (Hdu.Kind == HduKind.BinaryTable ? Hdu : file.Hdus.FirstOrDefault(h => h.Kind == HduKind.BinaryTable)),
            HduRefKind.Position => reference.Position < file.Hdus.Count ? file.Hdus[reference.Position!.Value] : null,
            _ => ByName(reference.BinaryTableOnly && CatalogueTable is not null ? CatalogueTable.File : file, reference.Name!, reference.BinaryTableOnly),
        };
    }

    /// <summary>The card a keyword tag names, with the HDU it was looked for in (null when that HDU is absent).</summary>
    public (Card? Card, FitsHdu? Hdu) Lookup(HduRef reference, string keyword)
    {
        var hdu = Find(reference);
        return (hdu?.Header[keyword], hdu);
    }

    private static FitsHdu? ByName(FitsFile file, string name, bool binaryOnly) =>
        file.Hdus.FirstOrDefault(h => string.Equals(h.ExtName?.Trim(), name, StringComparison.OrdinalIgnoreCase)
            && (!binaryOnly || h.Kind == HduKind.BinaryTable));
}
