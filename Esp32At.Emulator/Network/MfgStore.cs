namespace Esp32At.Emulator.Network;

/// <summary>One mfg_nvs value: its SYSMFG type (1 u8, 2 i8, 3 u16, 4 i16, 5 u32, 6 i32, 7 string, 8 binary) and content.</summary>
public sealed record MfgValue(int Type, byte[] Bytes, long Number)
{
    public bool IsBlob => Type is 7 or 8;
    public static MfgValue Blob(byte[] bytes, int type = 8) => new(type, bytes, 0);
    public static MfgValue Integer(int type, long number) => new(type, [], number);
}

/// <summary>
/// The manufacturing NVS partition (mfg_nvs) that AT+SYSMFG reads and writes (spec §2.1, §6): namespaces of keyed
/// values, among them the TLS certificates (<c>client_ca/client_ca.N</c>, <c>client_cert/client_cert.N</c>,
/// <c>client_key/client_key.N</c>, <c>server_*</c>). It lives in flash: reboots keep it.
/// </summary>
public sealed class MfgStore
{
    private readonly object gate = new();
    private readonly List<(string Ns, List<(string Key, MfgValue Value)> Entries)> spaces = new();

    /// <summary>A store with the factory content: fake stand-ins for Espressif's test certificates (see <see cref="FactoryPki"/>).</summary>
    public static MfgStore Factory()
    {
        var store = new MfgStore();
        var pki = FactoryPki.Instance;
        for (int i = 0; i < 2; i++)
        {
            store.Set("client_ca", $"client_ca.{i}", MfgValue.Blob(pki.CaPem));
            store.Set("client_cert", $"client_cert.{i}", MfgValue.Blob(pki.ClientCertPem));
            store.Set("client_key", $"client_key.{i}", MfgValue.Blob(pki.ClientKeyPem));
        }
        // The MQTT client's own PKI (ESP-AT's mqtt_ca/mqtt_cert/mqtt_key partitions, AT+MQTTUSERCFG schemes 3-5, 8-10).
        store.Set("mqtt_ca", "mqtt_ca.0", MfgValue.Blob(pki.CaPem));
        store.Set("mqtt_cert", "mqtt_cert.0", MfgValue.Blob(pki.ClientCertPem));
        store.Set("mqtt_key", "mqtt_key.0", MfgValue.Blob(pki.ClientKeyPem));
        store.Set("server_ca", "server_ca.0", MfgValue.Blob(pki.CaPem));
        store.Set("server_cert", "server_cert.0", MfgValue.Blob(pki.ServerCertPem));
        store.Set("server_key", "server_key.0", MfgValue.Blob(pki.ServerKeyPem));
        return store;
    }

    /// <summary>Namespaces in creation order.</summary>
    public IReadOnlyList<string> Namespaces { get { lock (gate) return spaces.Select(s => s.Ns).ToList(); } }

    /// <summary>The keys of <paramref name="ns"/> with their values (empty when the namespace does not exist).</summary>
    public IReadOnlyList<(string Key, MfgValue Value)> Entries(string ns)
    {
        lock (gate) return spaces.FirstOrDefault(s => s.Ns == ns).Entries?.ToList() ?? [];
    }

    public MfgValue? Get(string ns, string key)
    {
        lock (gate) return Find(ns)?.FirstOrDefault(e => e.Key == key).Value;
    }

    /// <summary>A blob's bytes (trailing NULs dropped: PEM files are often stored with mbedTLS's terminator), or null.</summary>
    public byte[]? Blob(string ns, string key)
    {
        var v = Get(ns, key);
        if (v is null || !v.IsBlob) return null;
        int n = v.Bytes.Length;
        while (n > 0 && v.Bytes[n - 1] == 0) n--;
        return v.Bytes[..n];
    }

    public void Set(string ns, string key, MfgValue value)
    {
        lock (gate)
        {
            var entries = Find(ns);
            if (entries is null)
            {
                entries = new List<(string, MfgValue)>();
                spaces.Add((ns, entries));
            }
            int at = entries.FindIndex(e => e.Key == key);
            if (at >= 0) entries[at] = (key, value);
            else entries.Add((key, value));
        }
    }

    /// <summary>Erases a key, or a whole namespace when <paramref name="key"/> is null; false when there was nothing.</summary>
    public bool Erase(string ns, string? key)
    {
        lock (gate)
        {
            int at = spaces.FindIndex(s => s.Ns == ns);
            if (at < 0) return false;
            if (key is null)
            {
                spaces.RemoveAt(at);
                return true;
            }
            return spaces[at].Entries.RemoveAll(e => e.Key == key) > 0;
        }
    }

    private List<(string Key, MfgValue Value)>? Find(string ns) => spaces.FirstOrDefault(s => s.Ns == ns).Entries;
}
