using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Model;

namespace Vigil.Data.Configurations;

internal sealed class SourceArchiveConfiguration : IEntityTypeConfiguration<SourceArchive>
{
    public void Configure(EntityTypeBuilder<SourceArchive> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.FileName).HasMaxLength(300).IsRequired();
        b.Property(a => a.MediaType).HasMaxLength(100).IsRequired();
        b.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        b.Property(a => a.StoredBy).HasMaxLength(200).IsRequired();
        b.Property(a => a.Content).IsRequired();
        // One copy per source: a new upload replaces it while the source is unpublished.
        b.HasIndex(a => a.SourceId).IsUnique();
        b.HasOne(a => a.Source).WithMany().HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
