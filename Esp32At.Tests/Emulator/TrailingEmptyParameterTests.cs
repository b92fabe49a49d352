using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;

namespace Esp32At.Tests.Emulator;

/// <summary>
/// Every command line gets a final result (spec §1.6), whatever its parameters: an omitted parameter at the end
/// (<c>AT+CWMODE=1,</c>) is OMITTED to <c>esp_at_get_para_as_digit</c> / <c>esp_at_get_para_as_str</c>, never a
/// reason to stay silent. Each implemented command is sent with a trailing <c>,</c> and <c>,,</c> after no, a numeric
/// and a string first parameter, on every profile; each line must end in OK or ERROR (a data prompt is cancelled
/// with <c>+++</c> and must end in SEND Canceled).
/// </summary>
public class TrailingEmptyParameterTests
{
    private static readonly string[] Heads = ["", "0", "1", "\"a\"", "1,1", "0,\"a\""];
    private static readonly string[] Tails = [",", ",,"];

    public static TheoryData<string> Profiles()
    {
        var rows = new TheoryData<string>();
        foreach (var p in FirmwareProfile.All) rows.Add(p.Name);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void EveryCommandAnswersALineWithTrailingEmptyParameters(string profile)
    {
        string[] names;
        using (var probe = new RawPort(FirmwareProfile.Named(profile))) names = probe.Emulator.Commands.Names.ToArray();
        var silent = new List<string>();
        foreach (var name in names)
        {
            if (name is "" or "E0" or "E1" or "RST" or "RESTORE") continue; // no set form; the reboots are not parameter checks
            using var port = new RawPort(FirmwareProfile.Named(profile));
            port.Command("ATE0");
            foreach (var head in Heads)
                foreach (var tail in Tails)
                {
                    var line = $"AT+{name}={head}{tail}";
                    if (!Answers(port, line)) silent.Add(line);
                }
        }
        Assert.Empty(silent);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void CwModeWithAnOmittedAutoConnectKeepsItsDefault(string profile)
    {
        // Wi-Fi_AT_Commands.rst AT+CWMODE=<mode>[,<auto_connect>]: the brackets make <auto_connect> optional; omitted
        // between the comma and the end it is OMITTED, which keeps the default (1: reconnect to the AP).
        using var port = new RawPort(FirmwareProfile.Named(profile));
        port.Command("ATE0");
        port.Command("AT+SYSLOG=1");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWMODE=1,"));
        Assert.Equal("+CWMODE:1\r\n\r\nOK\r\n", port.Command("AT+CWMODE?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWMODE=3,"));
        Assert.Equal("+CWMODE:3\r\n\r\nOK\r\n", port.Command("AT+CWMODE?"));
        Assert.Equal("ERR CODE:0x01070000\r\n\r\nERROR\r\n", port.Command("AT+CWMODE=,", "ERROR\r\n"));
        Assert.Equal("ERR CODE:0x01060203\r\n\r\nERROR\r\n", port.Command("AT+CWMODE=1,,", "ERROR\r\n"));
    }

    /// <summary>Sends <paramref name="line"/>; true when a final result came within 3 s (a prompt is cancelled first).</summary>
    private static bool Answers(RawPort port, string line)
    {
        port.Send(line + "\r\n");
        var got = new StringBuilder();
        var buf = new byte[4096];
        var deadline = DateTime.UtcNow.AddSeconds(3);
        bool cancelled = false;
        while (DateTime.UtcNow < deadline)
        {
            int n = port.Emulator.Port.HostRead(buf, 0, buf.Length, 50);
            got.Append(Encoding.Latin1.GetString(buf, 0, n));
            var s = got.ToString();
            if (s.EndsWith("OK\r\n", StringComparison.Ordinal) || s.EndsWith("ERROR\r\n", StringComparison.Ordinal) ||
                s.EndsWith("SEND Canceled\r\n", StringComparison.Ordinal) || s.EndsWith("SEND FAIL\r\n", StringComparison.Ordinal))
            {
                port.Emulator.WaitUntilIdle(3000);
                return true;
            }
            if (!cancelled && s.EndsWith(">", StringComparison.Ordinal))
            {
                Thread.Sleep(30);
                port.Send("+++");
                cancelled = true;
            }
        }
        return false;
    }
}
