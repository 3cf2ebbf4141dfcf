namespace Vigil.Model;

/// <summary>What a product is.</summary>
public enum ProductKind
{
    Spyware = 1,
    Forensic = 2,
    Interception = 3,
    Exploit = 4,
    Other = 9,
}

/// <summary>A spyware, exploit, interception or forensic product (Pegasus, Predator, Graphite, FinSpy…).</summary>
public sealed class Product : Record
{
    public string Name { get; set; } = "";

    public ProductKind ProductKind { get; set; } = ProductKind.Spyware;

    public string? Description { get; set; }

    /// <summary>Capabilities, one per line (e.g. "zero-click iOS exploitation").</summary>
    public string? Capabilities { get; set; }

    public List<ProductAlias> Aliases { get; set; } = [];

    public override RecordKind Kind => RecordKind.Product;

    public override string Label => Name;
}

/// <summary>Another name of a product.</summary>
public sealed class ProductAlias : IOwnedByRecord
{
    public long Id { get; set; }

    public long ProductId { get; set; }

    public Product? Product { get; set; }

    public string Name { get; set; } = "";

    Record? IOwnedByRecord.Owner => Product;

    string IOwnedByRecord.OwnerField => "aliases";

    public string Describe() => Name;
}
