using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

internal sealed class TableMappingConfiguration : IEntityTypeConfiguration<TableMapping>
{
    public void Configure(EntityTypeBuilder<TableMapping> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Name).HasMaxLength(100).IsRequired();
        b.Property(m => m.Target).HasMaxLength(40).IsRequired();
        b.Property(m => m.Columns).HasMaxLength(8000).IsRequired();
        b.Property(m => m.UpdatedBy).HasMaxLength(200).IsRequired();
        b.HasIndex(m => m.Name).IsUnique();
    }
}
