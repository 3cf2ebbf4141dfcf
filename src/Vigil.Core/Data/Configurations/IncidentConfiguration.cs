using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.ConfigureRecord();
        b.Property(i => i.Title).HasMaxLength(500).IsRequired();
        b.Property(i => i.FirstSeen).HasMaxLength(10);
        b.Property(i => i.LastSeen).HasMaxLength(10);
        b.Property(i => i.DisclosedOn).HasMaxLength(10);
        b.Property(i => i.Country).HasMaxLength(2);
        // The list: newest first, filtered by the access rule from the index.
        b.HasIndex(i => new { i.FirstSeen, i.Id, i.Marking, i.Status });
        b.HasIndex(i => i.Country);
        b.HasMany(i => i.Products).WithOne(x => x.Incident).HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Vendors).WithOne(x => x.Incident).HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Operators).WithOne(x => x.Incident).HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Investigators).WithOne(x => x.Incident).HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Targets).WithOne(x => x.Incident).HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentProductConfiguration : IEntityTypeConfiguration<IncidentProduct>
{
    public void Configure(EntityTypeBuilder<IncidentProduct> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.IncidentId);
        b.HasIndex(x => x.ProductId);
    }
}

internal sealed class IncidentVendorConfiguration : IEntityTypeConfiguration<IncidentVendor>
{
    public void Configure(EntityTypeBuilder<IncidentVendor> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.IncidentId);
        b.HasIndex(x => x.ActorId);
    }
}

internal sealed class IncidentOperatorConfiguration : IEntityTypeConfiguration<IncidentOperator>
{
    public void Configure(EntityTypeBuilder<IncidentOperator> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Reasoning).HasMaxLength(2000);
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.IncidentId);
        b.HasIndex(x => x.ActorId);
    }
}

internal sealed class IncidentInvestigatorConfiguration : IEntityTypeConfiguration<IncidentInvestigator>
{
    public void Configure(EntityTypeBuilder<IncidentInvestigator> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.IncidentId);
        b.HasIndex(x => x.ActorId);
    }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> b)
    {
        b.ConfigureRecord();
        b.Property(t => t.Pseudonym).HasMaxLength(40).IsRequired();
        b.Property(t => t.ResidenceCountry).HasMaxLength(2);
        b.Property(t => t.Nationality).HasMaxLength(2);
        b.Property(t => t.IdentityKeyId).HasMaxLength(40);
        b.HasIndex(t => t.IncidentId);
        b.HasMany(t => t.Editors).WithOne(x => x.Target).HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TargetEditorConfiguration : IEntityTypeConfiguration<TargetEditor>
{
    public void Configure(EntityTypeBuilder<TargetEditor> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.UserName).HasMaxLength(200).IsRequired();
        b.HasIndex(x => x.TargetId);
    }
}
