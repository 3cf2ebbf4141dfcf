using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

internal sealed class ReplyRequestConfiguration : IEntityTypeConfiguration<ReplyRequest>
{
    public void Configure(EntityTypeBuilder<ReplyRequest> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.AskedDate).HasMaxLength(10).IsRequired();
        b.Property(r => r.Question).HasMaxLength(4000).IsRequired();
        b.Property(r => r.Deadline).HasMaxLength(10);
        b.Property(r => r.AnsweredDate).HasMaxLength(10);
        b.Property(r => r.AnswerText).HasMaxLength(20000);
        b.HasOne(r => r.Actor).WithMany().HasForeignKey(r => r.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.AnswerSource).WithMany().HasForeignKey(r => r.AnswerSourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.About).WithOne(s => s.ReplyRequest).HasForeignKey(s => s.ReplyRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.ActorId, r.AskedDate });
        b.HasIndex(r => r.AnswerSourceId);
    }
}

internal sealed class ReplySubjectConfiguration : IEntityTypeConfiguration<ReplySubject>
{
    public void Configure(EntityTypeBuilder<ReplySubject> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Incident).WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Measure).WithMany().HasForeignKey(x => x.MeasureId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Relationship).WithMany().HasForeignKey(x => x.RelationshipId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ReplyRequestId);
        b.HasIndex(x => x.ActorId);
        b.HasIndex(x => x.IncidentId);
        b.HasIndex(x => x.MeasureId);
        b.HasIndex(x => x.RelationshipId);
        b.Ignore(x => x.SubjectKind);
        b.ToTable(t => t.HasCheckConstraint("CK_ReplySubjects_OneSubject",
            "(CASE WHEN \"ActorId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"IncidentId\" IS NULL THEN 0 ELSE 1 END)"
            + " + (CASE WHEN \"MeasureId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"RelationshipId\" IS NULL THEN 0 ELSE 1 END) = 1"));
    }
}
