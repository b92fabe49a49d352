namespace Esp32At.Emulator.Radio;

/// <summary>CWCOUNTRY (spec §2.2): policy 0 follows the AP's country, 1 manual; channels start..start+count-1.</summary>
public sealed record CountrySettings(int Policy = 1, string Code = "CN", int StartChannel = 1, int ChannelCount = 13);
