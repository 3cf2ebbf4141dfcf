using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

internal sealed class FrameworkConfiguration : IEntityTypeConfiguration<Framework>
{
    public void Configure(EntityTypeBuilder<Framework> b)
    {
        b.ConfigureRecord();
        b.Property(f => f.Name).HasMaxLength(500).IsRequired();
        b.Property(f => f.Series).HasMaxLength(200).IsRequired();
        b.Property(f => f.Date).HasMaxLength(10);
        b.Property(f => f.Provenance).HasMaxLength(2000);
        b.HasIndex(f => new { f.Series, f.Edition }).IsUnique();
        b.HasIndex(f => f.OwnerActorId);
        b.HasOne(f => f.OwnerActor).WithMany().HasForeignKey(f => f.OwnerActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(f => f.Source).WithMany().HasForeignKey(f => f.SourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => f.SourceId);
        b.HasMany(f => f.Commitments).WithOne(c => c.Framework).HasForeignKey(c => c.FrameworkId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.ConfigureRecord();
        b.Property(c => c.Code).HasMaxLength(50).IsRequired();
        b.Property(c => c.Pillar).HasMaxLength(100).IsRequired();
        b.Property(c => c.Text).HasMaxLength(4000).IsRequired();
        b.Property(c => c.Quote).HasMaxLength(4000);
        b.HasIndex(c => new { c.FrameworkId, c.Code }).IsUnique();
        b.HasOne(c => c.Source).WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.SourceId);
    }
}

internal sealed class EndorsementConfiguration : IEntityTypeConfiguration<Endorsement>
{
    public void Configure(EntityTypeBuilder<Endorsement> b)
    {
        b.ConfigureRecord();
        b.Property(e => e.Date).HasMaxLength(10);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.HasOne(e => e.Actor).WithMany().HasForeignKey(e => e.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Framework).WithMany().HasForeignKey(e => e.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ActorId, e.FrameworkId }).IsUnique();
        b.HasIndex(e => e.FrameworkId);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Quarter).HasMaxLength(6).IsRequired();
        b.Property(a => a.Assessor).HasMaxLength(200);
        b.HasOne(a => a.Actor).WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Commitment).WithMany().HasForeignKey(a => a.CommitmentId).OnDelete(DeleteBehavior.Restrict);
        // One assessment per actor, commitment, quarter and edition: corrections add editions.
        b.HasIndex(a => new { a.ActorId, a.CommitmentId, a.Quarter, a.Edition }).IsUnique();
        b.HasIndex(a => new { a.Quarter, a.Status });
        b.HasIndex(a => a.CommitmentId);
    }
}

internal sealed class NationalReportConfiguration : IEntityTypeConfiguration<NationalReport>
{
    public void Configure(EntityTypeBuilder<NationalReport> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.Quarter).HasMaxLength(6).IsRequired();
        b.HasOne(r => r.Actor).WithMany().HasForeignKey(r => r.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Commitment).WithMany().HasForeignKey(r => r.CommitmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.ActorId, r.CommitmentId, r.Quarter }).IsUnique();
        b.HasIndex(r => r.CommitmentId);
    }
}

internal sealed class RatingStepConfiguration : IEntityTypeConfiguration<RatingStep>
{
    public void Configure(EntityTypeBuilder<RatingStep> b)
    {
        b.HasKey(s => s.Value);
        b.Property(s => s.Value).ValueGeneratedNever();
        b.Property(s => s.Code).HasMaxLength(50).IsRequired();
        b.Property(s => s.Label).HasMaxLength(100).IsRequired();
        b.Property(s => s.Definition).HasMaxLength(2000).IsRequired();
    }
}

internal sealed class QuarterCycleConfiguration : IEntityTypeConfiguration<QuarterCycle>
{
    public void Configure(EntityTypeBuilder<QuarterCycle> b)
    {
        b.HasKey(q => q.Id);
        b.Property(q => q.Code).HasMaxLength(6).IsRequired();
        b.HasIndex(q => q.Code).IsUnique();
        b.Property(q => q.OpenedBy).HasMaxLength(200).IsRequired();
        b.Property(q => q.ClosedBy).HasMaxLength(200);
    }
}
