namespace Esp32At.Emulator.Radio;

/// <summary>What AT+MDNS=1 advertises (spec §2.3): host, one service and its TXT records.</summary>
public sealed record MdnsAdvertisement(string Hostname, string ServiceType, int Port, string Instance, string Protocol, IReadOnlyList<KeyValuePair<string, string>> Txt);
