namespace Esp32At.Emulator.Profiles;

/// <summary>
/// What differs between ESP-AT releases (spec §5): version text, command set, limits and output forms.
/// </summary>
public sealed record FirmwareProfile
{
    /// <summary>Profile name used on the command line, e.g. <c>v4.1.1-c3</c>.</summary>
    public required string Name { get; init; }
    public required Version Version { get; init; }
    /// <summary>Chip as printed in GMR: ESP32C3 or ESP32C6.</summary>
    public required string Chip { get; init; }
    public required string CoreCommit { get; init; }
    public required string BuildDate { get; init; }
    public required string SdkVersion { get; init; }
    public required string CompileLine { get; init; }
    public required string ModuleName { get; init; }
    /// <summary>Largest CIPSEND length: 2048 on v2.2, 8192 later.</summary>
    public int CipSendMax => Version < new Version(2, 4) ? 2048 : 8192;
    /// <summary>v2.2 writes "\r\nOK\r\n" and "\r\n>" separately; later firmware writes them at once.</summary>
    public bool PromptInTwoWrites => Version < new Version(3, 0);
    public bool HasCipRecvType => Version >= new Version(3, 3);
    public bool HasCipState => Version >= new Version(2, 4);
    public bool HasCipSendL => Version >= new Version(2, 4);
    public bool HasSysMfg => Version >= new Version(3, 2);
    public bool HasCipStartTimeout => Version >= new Version(4, 1);
    public int MaxLinks => 5;
    /// <summary>AT+MQTTLONGCLIENTID/LONGUSERNAME/LONGPASSWORD (prompted data) came with v3.0; v2.x has AT+MQTTCLIENTID etc. with a quoted argument.</summary>
    public bool HasMqttLongCommands => Version >= new Version(3, 0);
    /// <summary>AT+MQTTALPN came with v2.3.</summary>
    public bool HasMqttAlpn => Version >= new Version(2, 3);
    /// <summary>AT+MQTTSNI is documented from v3.3.</summary>
    public bool HasMqttSni => Version >= new Version(3, 3);
    /// <summary>Longest AT+MQTTCONNCFG last-will message: 64 bytes on v2.x, 128 later.</summary>
    public int MqttLwtMessageMax => Version < new Version(3, 0) ? 64 : 128;
    /// <summary>
    /// v4.1+ builds the <c>+CIPRECVLEN</c> list per link (spec §2.3, §5 "variable list"): a link that is not open
    /// leaves its field empty instead of printing -1 [UNVERIFIED reading of "built with %d," and "empty or -1 means no link"].
    /// </summary>
    public bool RecvLenVariableList => Version >= new Version(4, 1);

    /// <summary>The exact <c>AT+GMR</c> information lines.</summary>
    public string GmrText =>
        $"AT version:{Version}({CoreCommit} - {Chip} - {BuildDate})\r\n" +
        $"SDK version:{SdkVersion}\r\n" +
        $"compile time({CompileLine})\r\n" +
        $"Bin version:{(Version < new Version(2, 4) ? "" : "v")}{Version}({ModuleName})\r\n";

    // GMR texts of v3.3.0.0 and v4.0.0.0 are the examples in Espressif's docs; those of v2.2 and v4.1.1 are representative
    // (same format, plausible commit and dates), not read off a device.
    public static readonly FirmwareProfile V2_2_C3 = new()
    {
        Name = "v2.2.0-c3", Version = new Version(2, 2, 0, 0), Chip = "ESP32C3", CoreCommit = "b2cc6b0", BuildDate = "Jun 10 2021 12:13:34",
        SdkVersion = "v4.3-beta3-dirty", CompileLine = "aa3b7a4):Jun 10 2021 12:28:12", ModuleName = "MINI-1",
    };

    public static readonly FirmwareProfile V3_3_C3 = new()
    {
        Name = "v3.3.0-c3", Version = new Version(3, 3, 0, 0), Chip = "ESP32C3", CoreCommit = "3b13d04", BuildDate = "May  8 2024 08:21:54",
        SdkVersion = "v5.0.6-dirty", CompileLine = "be332568):May  8 2024 08:51:33", ModuleName = "MINI-1",
    };

    public static readonly FirmwareProfile V4_0_C6 = new()
    {
        Name = "v4.0.0-c6", Version = new Version(4, 0, 0, 0), Chip = "ESP32C6", CoreCommit = "3fe3806", BuildDate = "Dec 29 2023 11:10:21",
        SdkVersion = "v5.1.2-dirty", CompileLine = "89040be7):Jan  2 2024 05:53:07", ModuleName = "ESP32C6-4MB",
    };

    public static readonly FirmwareProfile V4_1_1_C3 = new()
    {
        Name = "v4.1.1-c3", Version = new Version(4, 1, 1, 0), Chip = "ESP32C3", CoreCommit = "a3b5f3e", BuildDate = "Jul 31 2025 10:02:11",
        SdkVersion = "v5.4.2-dirty", CompileLine = "5d1c2e4b):Jul 31 2025 10:20:40", ModuleName = "MINI-1",
    };

    public static readonly FirmwareProfile V4_1_1_C6 = V4_1_1_C3 with { Name = "v4.1.1-c6", Chip = "ESP32C6", ModuleName = "ESP32C6-4MB" };

    /// <summary>Every built-in profile.</summary>
    public static IReadOnlyList<FirmwareProfile> All { get; } = [V2_2_C3, V3_3_C3, V4_0_C6, V4_1_1_C3, V4_1_1_C6];

    /// <summary>The profile called <paramref name="name"/>.</summary>
    public static FirmwareProfile Named(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"unknown firmware profile '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})", nameof(name));
}
