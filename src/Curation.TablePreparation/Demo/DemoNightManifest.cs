namespace Curation.TablePreparation.Demo;

/// <summary>What kind of pipeline product a demonstration file is.</summary>
public enum DemoFileKind
{
    /// <summary>A reduced single exposure (<c>_sf.fit</c>): an empty primary HDU and four detector images.</summary>
    Image,

    /// <summary>A stack of several images (<c>_sf_st.fit</c>), naming its components in PROVnnnn keywords.</summary>
    Stack,

    /// <summary>A confidence map (<c>_conf.fit</c>) of an image or stack.</summary>
    Confidence,

    /// <summary>The source catalogue of an image or stack (<c>_cat.fits</c>): an empty primary HDU and four binary tables.</summary>
    Catalogue,
}

/// <summary>One file of a demonstration night.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Project">The PROJECT keyword of its primary header.</param>
/// <param name="ExpectedAcronym">The acronym of the programme its PROJECT should be identified as (with the archive's
/// Programme.csv); null for the frame whose PROJECT deliberately matches no programme.</param>
/// <param name="Filter">The FILTER keyword, eg. K.</param>
/// <param name="Object">The OBJECT keyword: the field. Files of the same field show the same sources (see docs/demo-night.md).</param>
/// <param name="ObsNum">The OBSNUM keyword (for a stack, that of its first component).</param>
/// <param name="ImagePath">For a catalogue or confidence map, the full path of the image or stack it belongs to; else null.</param>
/// <param name="Components">For a stack, the file names of its components in PROV0001, PROV0002, ... order; else empty.</param>
/// <param name="DetectionsPerExtension">For a catalogue, the rows of each of its four binary tables in HDU order; else empty.</param>
public sealed record DemoFile(
    string Path,
    DemoFileKind Kind,
    string Project,
    string? ExpectedAcronym,
    string Filter,
    string Object,
    int ObsNum,
    string? ImagePath,
    IReadOnlyList<string> Components,
    IReadOnlyList<int> DetectionsPerExtension)
{
    /// <summary>The file's name without its directory.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The detections in all its tables (0 unless a catalogue).</summary>
    public int Detections => DetectionsPerExtension.Sum();
}

/// <summary>What <see cref="DemoNight.Write"/> wrote: the night's directory and every file in it, in writing order.</summary>
/// <param name="Directory">The night's directory (<c>&lt;directory&gt;/&lt;yyyymmdd&gt;</c>).</param>
/// <param name="UtDate">The UT date of the night.</param>
/// <param name="Seed">The seed it was written with.</param>
/// <param name="Files">The files.</param>
public sealed record DemoNightManifest(string Directory, DateOnly UtDate, int Seed, IReadOnlyList<DemoFile> Files)
{
    /// <summary>The files of one kind.</summary>
    public IEnumerable<DemoFile> OfKind(DemoFileKind kind) => Files.Where(f => f.Kind == kind);

    /// <summary>The detections in all catalogues.</summary>
    public int TotalDetections => Files.Sum(f => f.Detections);
}
