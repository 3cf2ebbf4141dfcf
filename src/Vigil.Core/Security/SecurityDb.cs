using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Security;

/// <summary>
/// Accounts, roles, API tokens, the audit log and the data-protection keys: everything about who
/// people are, kept apart from the knowledge graph (<see cref="Data.VigilDb"/>) in the same database,
/// with its own migrations history. It has no access filter and no record history: it is only ever
/// used by the security code in this folder and by account management, never to render records.
/// </summary>
public sealed class SecurityDb(DbContextOptions<SecurityDb> options)
    : IdentityDbContext<Account, AccountRole, long, IdentityUserClaim<long>, IdentityUserRole<long>,
        IdentityUserLogin<long>, IdentityRoleClaim<long>, IdentityUserToken<long>>(options)
{
    /// <summary>Migrations of this context are recorded apart from the knowledge graph's.</summary>
    public const string MigrationsHistoryTable = "__SecurityMigrationsHistory";

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<FeedToken> FeedTokens => Set<FeedToken>();

    public DbSet<Watch> Watches => Set<Watch>();

    public DbSet<InboxMark> InboxMarks => Set<InboxMark>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// Moves on every save in this process (a role, clearance, token or account changed, or an audit entry):
    /// what is remembered about a signed-in person (the web host's token cache) is keyed by it.
    /// </summary>
    public static long Version => Interlocked.Read(ref s_version);

    private static long s_version;

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            Interlocked.Increment(ref s_version);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            Interlocked.Increment(ref s_version);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Account>(a =>
        {
            a.Property(x => x.Clearance).HasConversion<int>();
            a.Property(x => x.FocalPointCountry).HasMaxLength(2);
        });
        builder.Entity<ApiToken>(t =>
        {
            t.ToTable("ApiTokens");
            t.Property(x => x.Name).HasMaxLength(100);
            t.Property(x => x.Prefix).HasMaxLength(16);
            t.Property(x => x.Hash).HasMaxLength(64);
            t.Property(x => x.Scope).HasConversion<int>();
            t.HasIndex(x => x.Hash).IsUnique();
            t.HasIndex(x => x.AccountId);
            t.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FeedToken>(t =>
        {
            t.ToTable("FeedTokens");
            t.Property(x => x.Prefix).HasMaxLength(16);
            t.Property(x => x.Hash).HasMaxLength(64);
            t.HasIndex(x => x.Hash).IsUnique();
            t.HasIndex(x => x.AccountId);
            t.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Watch>(w =>
        {
            w.ToTable("Watches");
            w.Property(x => x.Kind).HasConversion<int>();
            w.Property(x => x.Value).HasMaxLength(200);
            w.HasIndex(x => new { x.AccountId, x.Kind, x.Value }).IsUnique();
            w.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<InboxMark>(m =>
        {
            m.ToTable("InboxMarks");
            m.HasKey(x => x.AccountId);
            m.Property(x => x.AccountId).ValueGeneratedNever();
            m.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Webhook>(h =>
        {
            h.ToTable("Webhooks");
            h.Property(x => x.Url).HasMaxLength(500);
            h.Property(x => x.Follows).HasMaxLength(32);
            h.Property(x => x.SecretPrefix).HasMaxLength(16);
            h.HasIndex(x => x.AccountId);
            h.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<WebhookDelivery>(d =>
        {
            d.ToTable("WebhookDeliveries");
            d.Property(x => x.State).HasConversion<int>();
            d.Property(x => x.LastError).HasMaxLength(300);
            d.HasIndex(x => new { x.WebhookId, x.RevisionId }).IsUnique();
            d.HasIndex(x => new { x.State, x.NextAttemptAt });
            d.HasOne(x => x.Webhook).WithMany().HasForeignKey(x => x.WebhookId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditLog");
            // Numbered by AuditLog.AppendAsync under its lock: the hash covers the id.
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Event).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.At);
        });
        builder.Entity<DataProtectionKey>(k =>
        {
            k.ToTable("DataProtectionKeys");
            k.Property(x => x.FriendlyName).HasMaxLength(200);
        });
    }
}
