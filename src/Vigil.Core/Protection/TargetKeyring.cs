using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigil.Data;

namespace Vigil.Protection;

/// <summary>Where the keys that encrypt targets' identities live (<c>Vigil:Protection</c>).</summary>
public sealed class ProtectionOptions
{
    public const string Section = "Vigil:Protection";

    /// <summary>
    /// The key file. Default: <c>target-keys.json</c> beside the SQLite database, or in the
    /// application data folder (<c>~/.local/share/Vigil</c>) with PostgreSQL. Never inside the database:
    /// a stolen database or backup alone does not reveal who was targeted.
    /// </summary>
    public string? TargetKeyFile { get; set; }
}

/// <summary>
/// Encrypts and decrypts targets' real identities with AES-256-GCM. The keys sit in a JSON file outside
/// the database (created with mode 0600 on first use), each with an id stored beside every ciphertext,
/// so a new key can become current while older ciphertexts stay readable (<see cref="RotateAsync"/>).
/// The ciphertext is bound to the target's pseudonym (associated data): it cannot be moved to another
/// target. Nothing here logs or throws with a plaintext.
/// </summary>
public sealed class TargetKeyring(IOptions<ProtectionOptions> options, IOptions<DatabaseOptions> database)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Lock _gate = new();
    private KeyFile? _keys;

    /// <summary>The key file in use.</summary>
    public string KeyFilePath => ResolvePath(options.Value, database.Value);

    /// <summary>The configured key file, or the default next to the SQLite file / in the app data folder.</summary>
    public static string ResolvePath(ProtectionOptions protection, DatabaseOptions database)
    {
        if (!string.IsNullOrWhiteSpace(protection.TargetKeyFile))
        {
            return Path.GetFullPath(protection.TargetKeyFile);
        }
        if (!database.IsPostgres && string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database.Path))!, "target-keys.json");
        }
        var appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(appData, "Vigil", "target-keys.json");
    }

    /// <summary>Encrypts <paramref name="identity"/> for the target <paramref name="pseudonym"/>: (ciphertext, key id).</summary>
    public (string Cipher, string KeyId) Encrypt(string pseudonym, string identity)
    {
        var keys = Keys();
        var key = keys.Keys.Single(k => k.Id == keys.Current);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var plain = Encoding.UTF8.GetBytes(identity);
        var output = new byte[NonceSize + TagSize + plain.Length];
        nonce.CopyTo(output, 0);
        using var aes = new AesGcm(Convert.FromBase64String(key.Key), TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Aad(pseudonym));
        CryptographicOperations.ZeroMemory(plain);
        return (Convert.ToBase64String(output), key.Id);
    }

    /// <summary>Decrypts; null when the key is missing or the ciphertext does not verify (never the reason's text).</summary>
    public string? Decrypt(string pseudonym, string cipher, string keyId)
    {
        var key = Keys().Keys.FirstOrDefault(k => k.Id == keyId);
        if (key is null)
        {
            return null;
        }
        try
        {
            var data = Convert.FromBase64String(cipher);
            if (data.Length < NonceSize + TagSize)
            {
                return null;
            }
            var plain = new byte[data.Length - NonceSize - TagSize];
            using var aes = new AesGcm(Convert.FromBase64String(key.Key), TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plain, Aad(pseudonym));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The id of the key new identities are encrypted with.</summary>
    public string CurrentKeyId => Keys().Current;

    /// <summary>Adds a new key and makes it current; older keys stay to decrypt what they encrypted.</summary>
    public Task<string> RotateAsync()
    {
        lock (_gate)
        {
            var keys = Keys();
            var id = NewKeyId();
            keys.Keys.Add(new KeyEntry { Id = id, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            keys.Current = id;
            Write(KeyFilePath, keys, overwrite: true);
            return Task.FromResult(id);
        }
    }

    private static byte[] Aad(string pseudonym) => Encoding.UTF8.GetBytes("vigil-target:" + pseudonym);

    private KeyFile Keys()
    {
        lock (_gate)
        {
            return _keys ??= LoadOrCreate(KeyFilePath);
        }
    }

    private static KeyFile LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            var fresh = new KeyFile { Current = NewKeyId() };
            fresh.Keys.Add(new KeyEntry { Id = fresh.Current, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            try
            {
                Write(path, fresh, overwrite: false);
                return fresh;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (a second web node, a test) created it first: use theirs.
            }
        }
        var keys = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path), s_json)
            ?? throw new InvalidOperationException($"The target key file {path} is empty.");
        if (keys.Keys.All(k => k.Id != keys.Current))
        {
            throw new InvalidOperationException($"The target key file {path} names a current key '{keys.Current}' it does not hold.");
        }
        return keys;
    }

    private static void Write(string path, KeyFile keys, bool overwrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = JsonSerializer.SerializeToUtf8Bytes(keys, s_json);
        var temp = overwrite ? path + ".tmp" : path;
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        if (overwrite && File.Exists(temp))
        {
            File.Delete(temp);
        }
        using (var stream = new FileStream(temp, streamOptions))
        {
            stream.Write(json);
            stream.Flush(flushToDisk: true);
        }
        if (overwrite)
        {
            File.Move(temp, path, overwrite: true);
        }
    }

    private static string NewKeyId() => "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed class KeyFile
    {
        public int Format { get; set; } = 1;

        public string Current { get; set; } = "";

        public List<KeyEntry> Keys { get; set; } = [];
    }

    private sealed class KeyEntry
    {
        public string Id { get; set; } = "";

        /// <summary>32 random bytes, base64.</summary>
        public string Key { get; set; } = "";
    }
}
