namespace Curation.Schema.Model;

/// <summary>A column's SQL Server type as the script declares it.</summary>
/// <param name="Name">The type name in lower case (<c>varchar</c>, <c>float</c>, <c>tinyint</c>).</param>
/// <param name="Written">The type exactly as written in the script, arguments included.</param>
/// <param name="Length">Length of a string or binary type, precision of <c>float(n)</c>/<c>decimal(p,s)</c>; null when not given.</param>
/// <param name="Scale">Scale of <c>decimal(p,s)</c>/<c>numeric(p,s)</c>; null otherwise.</param>
/// <param name="IsMax">True for <c>varchar(max)</c> and its kin.</param>
public sealed record SqlType(string Name, string Written, int? Length = null, int? Scale = null, bool IsMax = false)
{
    private static readonly HashSet<string> IntegerNames = ["bit", "tinyint", "smallint", "int", "integer", "bigint"];
    private static readonly HashSet<string> FloatNames = ["real", "float", "double precision"];
    private static readonly HashSet<string> DecimalNames = ["decimal", "numeric", "money", "smallmoney"];
    private static readonly HashSet<string> StringNames = ["char", "varchar", "nchar", "nvarchar", "text", "ntext", "sysname"];
    private static readonly HashSet<string> DateTimeNames = ["datetime", "datetime2", "smalldatetime", "date", "time", "timestamp", "datetimeoffset"];
    private static readonly HashSet<string> BinaryNames = ["binary", "varbinary", "image"];

    /// <summary>Every type name the parser accepts.</summary>
    public static IReadOnlySet<string> KnownNames { get; } =
        IntegerNames.Concat(FloatNames).Concat(DecimalNames).Concat(StringNames).Concat(DateTimeNames)
            .Concat(BinaryNames).Append("uniqueidentifier").Append("sql_variant").ToHashSet();

    /// <summary>The type of a computed column, whose type SQL Server derives from its expression.</summary>
    public static SqlType Computed { get; } = new("computed", "computed");

    /// <summary>True for exact integer types (bit through bigint).</summary>
    public bool IsInteger => IntegerNames.Contains(Name);

    /// <summary>True for binary floating-point types.</summary>
    public bool IsFloat => FloatNames.Contains(Name);

    /// <summary>True for exact decimal types.</summary>
    public bool IsDecimal => DecimalNames.Contains(Name);

    /// <summary>True for any numeric type.</summary>
    public bool IsNumeric => IsInteger || IsFloat || IsDecimal;

    /// <summary>True for character string types.</summary>
    public bool IsString => StringNames.Contains(Name);

    /// <summary>True for date and time types (including the GES scripts' <c>TIMESTAMP</c>, used there as a date).</summary>
    public bool IsDateTime => DateTimeNames.Contains(Name);

    /// <summary>True for binary string types.</summary>
    public bool IsBinary => BinaryNames.Contains(Name);

    /// <summary>True when a <c>float(n)</c> holds only single precision (n ≤ 24), as SQL Server defines it; also <c>real</c>.</summary>
    public bool IsSinglePrecision => Name == "real" || (Name == "float" && Length is <= 24);

    /// <summary>The canonical lower-case spelling with arguments: <c>varchar(32)</c>, <c>float</c>, <c>decimal(9,3)</c>.</summary>
    public string Canonical => IsMax ? $"{Name}(max)"
        : Length is null ? Name
        : Scale is null ? $"{Name}({Length})"
        : $"{Name}({Length},{Scale})";

    /// <inheritdoc />
    public override string ToString() => Canonical;
}
