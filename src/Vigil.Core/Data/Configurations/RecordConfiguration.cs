using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

/// <summary>The columns and indexes every record table shares.</summary>
internal static class RecordConfiguration
{
    public static void ConfigureRecord<T>(this EntityTypeBuilder<T> b) where T : Record
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Slug).HasMaxLength(200).IsRequired();
        b.HasIndex(r => r.Slug).IsUnique();
        b.Property(r => r.CreatedBy).HasMaxLength(200);
        b.Property(r => r.UpdatedBy).HasMaxLength(200);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.Status, r.Marking });
        b.HasIndex(r => r.UpdatedAt);
        b.Ignore(r => r.Kind);
        b.Ignore(r => r.Label);
    }
}

internal sealed class ActorConfiguration : IEntityTypeConfiguration<Actor>
{
    public void Configure(EntityTypeBuilder<Actor> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Name).HasMaxLength(500).IsRequired();
        b.Property(a => a.Country).HasMaxLength(2);
        b.Property(a => a.StartDate).HasMaxLength(10);
        b.Property(a => a.EndDate).HasMaxLength(10);
        // Lists in name order, filtered by the access rule from the index alone (see migration ReadPaths).
        b.HasIndex(a => new { a.ActorKind, a.Name, a.Id, a.Marking, a.Status });
        b.HasIndex(a => new { a.Country, a.ActorKind });
        b.HasIndex(a => new { a.Name, a.Id, a.Marking, a.Status });
        b.HasMany(a => a.Aliases).WithOne(x => x.Actor).HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Identifiers).WithOne(x => x.Actor).HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActorAliasConfiguration : IEntityTypeConfiguration<ActorAlias>
{
    public void Configure(EntityTypeBuilder<ActorAlias> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(500).IsRequired();
        b.Property(x => x.Script).HasMaxLength(4);
        b.Property(x => x.Language).HasMaxLength(35);
        b.HasIndex(x => x.ActorId);
        b.HasIndex(x => x.Name);
    }
}

internal sealed class ActorIdentifierConfiguration : IEntityTypeConfiguration<ActorIdentifier>
{
    public void Configure(EntityTypeBuilder<ActorIdentifier> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Scheme).HasMaxLength(50).IsRequired();
        b.Property(x => x.Value).HasMaxLength(200).IsRequired();
        b.HasIndex(x => x.ActorId);
        b.HasIndex(x => new { x.Scheme, x.Value }).IsUnique();
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ConfigureRecord();
        b.Property(p => p.Name).HasMaxLength(500).IsRequired();
        b.HasIndex(p => p.Name);
        b.HasMany(p => p.Aliases).WithOne(x => x.Product).HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductAliasConfiguration : IEntityTypeConfiguration<ProductAlias>
{
    public void Configure(EntityTypeBuilder<ProductAlias> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(500).IsRequired();
        b.HasIndex(x => x.ProductId);
    }
}

internal sealed class RelationshipConfiguration : IEntityTypeConfiguration<Relationship>
{
    public void Configure(EntityTypeBuilder<Relationship> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.Role).HasMaxLength(200);
        b.Property(r => r.StartDate).HasMaxLength(10);
        b.Property(r => r.EndDate).HasMaxLength(10);
        b.Property(r => r.SharePercent).HasPrecision(7, 4);
        b.HasOne(r => r.FromActor).WithMany().HasForeignKey(r => r.FromActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.ToActor).WithMany().HasForeignKey(r => r.ToActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.ToProduct).WithMany().HasForeignKey(r => r.ToProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.FromActorId, r.Type });
        b.HasIndex(r => new { r.ToActorId, r.Type });
        b.HasIndex(r => r.ToProductId);
        b.ToTable(t => t.HasCheckConstraint("CK_Relationships_OneTarget",
            "(\"ToActorId\" IS NULL AND \"ToProductId\" IS NOT NULL) OR (\"ToActorId\" IS NOT NULL AND \"ToProductId\" IS NULL)"));
    }
}

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> b)
    {
        b.ConfigureRecord();
        b.Property(s => s.Title).HasMaxLength(1000).IsRequired();
        b.Property(s => s.Publisher).HasMaxLength(300);
        b.Property(s => s.Url).HasMaxLength(2000);
        b.Property(s => s.PublishedDate).HasMaxLength(10);
        b.Property(s => s.AccessedDate).HasMaxLength(10);
        b.Property(s => s.ContentHash).HasMaxLength(64);
        b.Property(s => s.Reliability).HasConversion<string>().HasMaxLength(1);
        b.HasIndex(s => s.Url);
        b.HasMany(s => s.Citations).WithOne(c => c.Source).HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CitationConfiguration : IEntityTypeConfiguration<Citation>
{
    public void Configure(EntityTypeBuilder<Citation> b)
    {
        b.ConfigureRecord();
        b.Property(c => c.Locator).HasMaxLength(500);
        b.HasOne(c => c.Actor).WithMany().HasForeignKey(c => c.ActorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Product).WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Relationship).WithMany().HasForeignKey(c => c.RelationshipId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Incident).WithMany().HasForeignKey(c => c.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Measure).WithMany().HasForeignKey(c => c.MeasureId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.SourceId);
        b.HasIndex(c => c.ActorId);
        b.HasIndex(c => c.ProductId);
        b.HasIndex(c => c.RelationshipId);
        b.HasIndex(c => c.IncidentId);
        b.HasIndex(c => c.MeasureId);
        b.HasOne(c => c.Endorsement).WithMany().HasForeignKey(c => c.EndorsementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Assessment).WithMany().HasForeignKey(c => c.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.NationalReport).WithMany().HasForeignKey(c => c.NationalReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.EndorsementId);
        b.HasIndex(c => c.AssessmentId);
        b.HasIndex(c => c.NationalReportId);
        b.HasOne(c => c.Framework).WithMany().HasForeignKey(c => c.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Commitment).WithMany().HasForeignKey(c => c.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.FrameworkId);
        b.HasIndex(c => c.CommitmentId);
        b.HasOne(c => c.Indicator).WithMany().HasForeignKey(c => c.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.IndicatorId);
        b.Ignore(c => c.SubjectKind);
        b.Ignore(c => c.SubjectId);
    }
}

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.By).HasMaxLength(200).IsRequired();
        b.Property(r => r.Operation).HasMaxLength(20).IsRequired();
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.HasIndex(r => new { r.RecordKind, r.RecordId, r.Version });
        b.HasIndex(r => r.At);
    }
}

internal sealed class SearchEntryConfiguration : IEntityTypeConfiguration<Search.SearchEntry>
{
    public void Configure(EntityTypeBuilder<Search.SearchEntry> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.Kind, e.RecordId }).IsUnique();
    }
}
