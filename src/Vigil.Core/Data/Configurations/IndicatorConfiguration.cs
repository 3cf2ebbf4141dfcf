using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.ConfigureRecord();
        b.Property(i => i.StixId).HasMaxLength(100).IsRequired();
        b.HasIndex(i => i.StixId).IsUnique();
        b.Property(i => i.Pattern).HasMaxLength(4000).IsRequired();
        b.Property(i => i.PatternType).HasMaxLength(50).IsRequired();
        b.Property(i => i.ObservableType).HasMaxLength(200).IsRequired();
        b.Property(i => i.Value).HasMaxLength(2000).IsRequired();
        b.Property(i => i.ValueKey).HasMaxLength(2000).IsRequired();
        b.Property(i => i.Name).HasMaxLength(500);
        // "Which product is this domain or hash?" is a lookup by the folded value.
        b.HasIndex(i => i.ValueKey);
        b.HasIndex(i => i.ProductId);
        b.HasIndex(i => i.IncidentId);
        b.HasOne(i => i.Product).WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Incident).WithMany().HasForeignKey(i => i.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}
