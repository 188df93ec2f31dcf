namespace Curation.Invocations.Tests;

/// <summary>Small schema scripts the tests write to their temporary folders.</summary>
internal static class Scripts
{
    /// <summary>A WFAU-tagged table: three columns, a primary key, K/F/A tags, a valueless O tag and a two-line T tag.</summary>
    public const string Frame = """
        -- A small test script.
        CREATE TABLE Frame(
        -------------------------------------------------------------------------------
        --/H Frames of the test archive.
        --
        --/T First line of the text.
        --/T Second line of the text.
        -------------------------------------------------------------------------------
        frameID   bigint not null,                      --/D the frame --/C ID_FRAME
        mjdObs    float not null default -0.9999995e9,  --/D the date of the frame --/U days --/C TIME_DATE --/K MJD-OBS --/N -0.9999995e9
        filtName  varchar(16) not null default 'NONE',  --/D aperture flux column --/C INST_FILTER_CODE --/F Aper_flux_3 --/A 2 --/O
        CONSTRAINT pk_Frame PRIMARY KEY (frameID)
        )

        """;

    /// <summary>A template table: {prog}Detection.</summary>
    public const string Template = """
        CREATE TABLE {prog}Detection(
        -------------------------------------------------------------------------------
        --/H Detections of programme {prog}.
        -------------------------------------------------------------------------------
        detID     bigint not null,                      --/D the detection --/C ID_MAIN
        ra        float not null default -0.9999995e9,  --/D right ascension --/U degrees --/C POS_EQ_RA_MAIN --/N -0.9999995e9
        CONSTRAINT pk_{prog}Detection PRIMARY KEY (detID)
        )

        """;

    /// <summary>A script that cannot be parsed: line 3 is a column without a type; the ',' is at column 6.</summary>
    public const string Broken = "CREATE TABLE Broken(\n  id int not null,\n  ra ,\n  dec float\n)\n";

    /// <summary>A script that parses but fails the checks: a --/Q naming a missing attribute (line 6) and a --/N that
    /// differs from the SQL default (line 7).</summary>
    public const string BadTags = """
        CREATE TABLE Q(
        -------------------------------------------------------------------------------
        --/H A table with faulty tags.
        -------------------------------------------------------------------------------
        qID    int not null,                        --/D id --/C ID_MAIN
        flux   real not null default -0.9999995e9,  --/D flux --/C PHOT_FLUX --/Q noSuchColumn --/N -0.9999995e9
        flag   int not null default 0,              --/D flag --/C CODE_MISC --/N -1
        CONSTRAINT pk_Q PRIMARY KEY (qID)
        )

        """;
}
