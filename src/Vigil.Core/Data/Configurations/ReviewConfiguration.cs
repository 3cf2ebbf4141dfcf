using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

internal sealed class PendingChangeConfiguration : IEntityTypeConfiguration<PendingChange>
{
    public void Configure(EntityTypeBuilder<PendingChange> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.ProposedBy).HasMaxLength(200).IsRequired();
        b.Property(c => c.DecidedBy).HasMaxLength(200);
        b.Property(c => c.Reason).HasMaxLength(1000);
        b.Property(c => c.Comment).HasMaxLength(2000);
        b.Property(c => c.InputType).HasMaxLength(20).IsRequired();
        b.HasIndex(c => new { c.RecordKind, c.RecordId, c.State });
        b.HasIndex(c => c.State);
    }
}

internal sealed class ReviewEventConfiguration : IEntityTypeConfiguration<ReviewEvent>
{
    public void Configure(EntityTypeBuilder<ReviewEvent> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.By).HasMaxLength(200).IsRequired();
        b.Property(e => e.Action).HasMaxLength(20).IsRequired();
        b.Property(e => e.Comment).HasMaxLength(2000);
        b.HasIndex(e => new { e.RecordKind, e.RecordId, e.Version });
    }
}

internal sealed class TombstoneConfiguration : IEntityTypeConfiguration<Tombstone>
{
    public void Configure(EntityTypeBuilder<Tombstone> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Slug).HasMaxLength(200).IsRequired();
        b.Property(t => t.Label).HasMaxLength(1000).IsRequired();
        b.Property(t => t.RetractedBy).HasMaxLength(200).IsRequired();
        b.Property(t => t.Reason).HasMaxLength(2000).IsRequired();
        b.HasIndex(t => new { t.RecordKind, t.Slug });
        b.HasIndex(t => new { t.RecordKind, t.RecordId });
    }
}
