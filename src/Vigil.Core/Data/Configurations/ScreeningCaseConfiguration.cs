using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

internal sealed class ScreeningCaseConfiguration : IEntityTypeConfiguration<ScreeningCase>
{
    public void Configure(EntityTypeBuilder<ScreeningCase> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.QueryName).HasMaxLength(500).IsRequired();
        b.Property(c => c.Schema).HasMaxLength(40);
        b.Property(c => c.Countries).HasMaxLength(200).IsRequired();
        b.Property(c => c.Datasets).HasMaxLength(200).IsRequired();
        b.Property(c => c.CreatedBy).HasMaxLength(200).IsRequired();
        b.Property(c => c.Rationale).HasMaxLength(4000);
        b.Property(c => c.DecidedBy).HasMaxLength(200);
        b.Property(c => c.ConfirmedBy).HasMaxLength(200);
        b.HasMany(c => c.Hits).WithOne(h => h.ScreeningCase).HasForeignKey(h => h.ScreeningCaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.Status);
    }
}

internal sealed class ScreeningCaseHitConfiguration : IEntityTypeConfiguration<ScreeningCaseHit>
{
    public void Configure(EntityTypeBuilder<ScreeningCaseHit> b)
    {
        b.HasKey(h => h.Id);
        b.Property(h => h.CandidateKind).HasMaxLength(20).IsRequired();
        b.Property(h => h.CandidateId).HasMaxLength(300).IsRequired();
        b.Property(h => h.Name).HasMaxLength(1000).IsRequired();
        b.Property(h => h.Dataset).HasMaxLength(200).IsRequired();
        b.Property(h => h.Explanation).IsRequired();
        b.Property(h => h.List).HasMaxLength(40);
        b.Property(h => h.EntryId).HasMaxLength(200);
        b.HasIndex(h => h.ScreeningCaseId);
        b.HasIndex(h => new { h.List, h.EntryId });
        b.HasIndex(h => h.ActorId);
    }
}
