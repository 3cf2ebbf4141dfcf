using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

internal sealed class MeasureConfiguration : IEntityTypeConfiguration<Measure>
{
    public void Configure(EntityTypeBuilder<Measure> b)
    {
        b.ConfigureRecord();
        b.Property(m => m.Title).HasMaxLength(1000).IsRequired();
        b.Property(m => m.Programme).HasMaxLength(300);
        b.Property(m => m.Reference).HasMaxLength(1000);
        b.Property(m => m.AnnouncedDate).HasMaxLength(10);
        b.Property(m => m.EffectiveDate).HasMaxLength(10);
        b.Property(m => m.LiftedDate).HasMaxLength(10);
        b.HasOne(m => m.Authority).WithMany().HasForeignKey(m => m.AuthorityId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Targets).WithOne(t => t.Measure).HasForeignKey(t => t.MeasureId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Steps).WithOne(t => t.Measure).HasForeignKey(t => t.MeasureId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Parties).WithOne(t => t.Measure).HasForeignKey(t => t.MeasureId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.AuthorityId, m.Type });
        // The list: newest first, filtered by type and the access rule.
        b.HasIndex(m => new { m.Type, m.AnnouncedDate, m.Id, m.Marking, m.Status });
        b.HasIndex(m => new { m.AnnouncedDate, m.Id, m.Marking, m.Status });
    }
}

internal sealed class MeasureTargetConfiguration : IEntityTypeConfiguration<MeasureTarget>
{
    public void Configure(EntityTypeBuilder<MeasureTarget> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.MeasureId);
        b.HasIndex(x => x.ActorId);
    }
}

internal sealed class MeasureStepConfiguration : IEntityTypeConfiguration<MeasureStep>
{
    public void Configure(EntityTypeBuilder<MeasureStep> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Date).HasMaxLength(10);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasOne(x => x.Source).WithMany().HasForeignKey(x => x.SourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.MeasureId);
        b.HasIndex(x => x.SourceId);
    }
}

internal sealed class MatchCandidateConfiguration : IEntityTypeConfiguration<MatchCandidate>
{
    public void Configure(EntityTypeBuilder<MatchCandidate> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.List).HasMaxLength(20).IsRequired();
        b.Property(x => x.EntryId).HasMaxLength(200).IsRequired();
        b.Property(x => x.EntryName).HasMaxLength(500).IsRequired();
        b.Property(x => x.DecidedBy).HasMaxLength(200);
        b.HasOne(x => x.ListedActor).WithMany().HasForeignKey(x => x.ListedActorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.CandidateActor).WithMany().HasForeignKey(x => x.CandidateActorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.List, x.EntryId, x.CandidateActorId }).IsUnique();
        b.HasIndex(x => new { x.State, x.Score });
        b.HasOne(x => x.ListEntry).WithMany().HasForeignKey(x => x.ListEntryId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ListedActorId);
        b.HasIndex(x => x.CandidateActorId);
        b.HasIndex(x => x.ListEntryId);
    }
}

internal sealed class ListEntryConfiguration : IEntityTypeConfiguration<ListEntry>
{
    public void Configure(EntityTypeBuilder<ListEntry> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.List).HasMaxLength(40).IsRequired();
        b.Property(x => x.EntryId).HasMaxLength(200).IsRequired();
        b.Property(x => x.Name).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Schema).HasMaxLength(40).IsRequired();
        b.Property(x => x.Date).HasMaxLength(10);
        b.Property(x => x.ListedDate).HasMaxLength(10).IsRequired();
        b.Property(x => x.DelistedDate).HasMaxLength(10);
        b.Property(x => x.SnapshotDate).HasMaxLength(10).IsRequired();
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.List, x.EntryId }).IsUnique();
        b.HasIndex(x => x.ActorId);
    }
}

internal sealed class MeasurePartyConfiguration : IEntityTypeConfiguration<MeasureParty>
{
    public void Configure(EntityTypeBuilder<MeasureParty> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.MeasureId);
        b.HasIndex(x => x.ActorId);
    }
}
