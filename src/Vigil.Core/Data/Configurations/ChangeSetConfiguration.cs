using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

internal sealed class ChangeSetConfiguration : IEntityTypeConfiguration<ChangeSet>
{
    public void Configure(EntityTypeBuilder<ChangeSet> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Title).HasMaxLength(300).IsRequired();
        b.Property(s => s.SubmittedBy).HasMaxLength(200).IsRequired();
        b.Property(s => s.DecidedBy).HasMaxLength(200);
        b.Property(s => s.Comment).HasMaxLength(2000);
        b.HasMany(s => s.Items).WithOne(i => i.ChangeSet).HasForeignKey(i => i.ChangeSetId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.State);
    }
}

internal sealed class ChangeSetItemConfiguration : IEntityTypeConfiguration<ChangeSetItem>
{
    public void Configure(EntityTypeBuilder<ChangeSetItem> b)
    {
        b.HasKey(i => i.Id);
        b.HasIndex(i => i.ChangeSetId);
        b.HasIndex(i => new { i.RecordKind, i.RecordId });
    }
}
