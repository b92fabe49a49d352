namespace Esp32At.Emulator.Mdns;

/// <summary>
/// A DNS-SD service instance on the simulated LAN (or the ESP's own AT+MDNS advertisement): instance
/// <c>Office Printer</c> of type <c>_http._tcp</c> on host <c>printer</c> (<c>printer.local</c>) at
/// <paramref name="Address"/>, port <paramref name="Port"/>, TXT strings <c>key=value</c>.
/// </summary>
public sealed record MdnsService(string Instance, string ServiceType, string Host, string Address, int Port, IReadOnlyList<string> Txt)
{
    /// <summary>The service type's name: <c>_http._tcp.local</c>.</summary>
    public string TypeName => ServiceType + ".local";

    /// <summary>The instance's name: <c>Office Printer._http._tcp.local</c>.</summary>
    public string InstanceName => Instance + "." + TypeName;

    /// <summary>The host's name: <c>printer.local</c>.</summary>
    public string HostName => Host + ".local";

    /// <summary>
    /// Parses the CLI/config form <c>instance,type,host,address,port[,key=value;key=value]</c>, e.g.
    /// <c>Office Printer,_http._tcp,printer,192.168.1.20,80,path=/;note=2nd floor</c>.
    /// </summary>
    public static MdnsService Parse(string spec)
    {
        var f = spec.Split(',', 6);
        if (f.Length < 5 || !int.TryParse(f[4], out int port) || port is < 0 or > 65535 || !System.Net.IPAddress.TryParse(f[3], out _))
            throw new ArgumentException($"bad mDNS service '{spec}' (want instance,type,host,address,port[,key=value;...])", nameof(spec));
        var txt = f.Length > 5 && f[5].Length > 0 ? f[5].Split(';') : [];
        return new MdnsService(f[0], f[1], f[2], f[3], port, txt);
    }
}
