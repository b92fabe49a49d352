using Esp32At.Emulator.Core;

namespace Esp32At.Tests.Emulator;

/// <summary>
/// The parameter rules of the firmware's parser, byte-exact. Sources: esp-at components/at/include/esp_at_core.h
/// (esp_at_get_para_as_digit: signed 32-bit, OK / FAIL / OMITTED; ESP_AT_SUB_PARA_* sub-codes 0x04 length,
/// 0x06 count, 0x07 invalid, 0x08 parse fail) and docs/en/AT_Command_Set (CWLAPOPT, CIPSSLCSNI, CIPTCPOPT).
/// </summary>
public class ParameterRulesBytesTests
{
    private static RawPort Port()
    {
        var port = new RawPort();
        port.Command("ATE0");
        port.Command("AT+SYSLOG=1");
        return port;
    }

    private static string Error(RawPort port, string line) => port.Command(line, "ERROR\r\n");

    [Theory]
    [InlineData("0x7FF", 0x7FF)]
    [InlineData("0X7ff", 0x7FF)]
    [InlineData("2047", 2047)]
    [InlineData("-1", -1)]
    [InlineData("-0x10", -16)]
    public void DigitsAreDecimalHexOrNegative(string text, long expected)
    {
        Assert.True(AtCommandLine.TryParseDigit(text, out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("")]       // OMITTED is not a number: the command decides what omission means
    [InlineData("0x")]
    [InlineData("12a")]
    [InlineData("+5")]
    [InlineData("--1")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void AnythingElseIsNotADigit(string text) => Assert.False(AtCommandLine.TryParseDigit(text, out _));

    /// <summary>lwesp's init line (lwesp_int.c, LWESP_CMD_WIFI_CWLAPOPT); docs Wi-Fi_AT_Commands.rst CWLAPOPT
    /// "&lt;print mask&gt; Default: 0x7FF". l14's finding 1.</summary>
    [Fact]
    public void CwLapOptTakesAHexMask()
    {
        using var port = Port();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWLAPOPT=1,0x7FF"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWLAPOPT=1,0x1F,-0x40"));
        // Out of range stays PARA_INVALID on the index; a malformed number is PARA_PARSE_FAIL.
        Assert.Equal("ERR CODE:0x01070001\r\n\r\nERROR\r\n", Error(port, "AT+CWLAPOPT=1,0x800"));
        Assert.Equal("ERR CODE:0x01080001\r\n\r\nERROR\r\n", Error(port, "AT+CWLAPOPT=1,0x7FG"));
        Assert.Equal("ERR CODE:0x01080001\r\n\r\nERROR\r\n", Error(port, "AT+CWLAPOPT=1,\"31\""));
        // An omitted mandatory number is invalid, not a parse failure.
        Assert.Equal("ERR CODE:0x01070001\r\n\r\nERROR\r\n", Error(port, "AT+CWLAPOPT=1,"));
    }

    /// <summary>An empty quoted string is a valid string parameter; for CIPSSLCSNI it clears the name (issue 14 item 1).</summary>
    [Fact]
    public void EmptySniClearsIt()
    {
        using var port = Port();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSSLCSNI=\"example.com\""));
        Assert.Equal("+CIPSSLCSNI:0,example.com\r\n\r\nOK\r\n", port.Command("AT+CIPSSLCSNI?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSSLCSNI=\"\""));
        Assert.Equal("+CIPSSLCSNI:0,\r\n\r\nOK\r\n", port.Command("AT+CIPSSLCSNI?"));
        Assert.Null(port.Emulator.Links.Tls[0].Sni);
        // The common name keeps refusing an empty string: it is compared with the server's certificate.
        Assert.Equal("ERR CODE:0x01070000\r\n\r\nERROR\r\n", Error(port, "AT+CIPSSLCCN=\"\""));
        // Multiple-connection form, the CircuitPython driver's exact line.
        port.Command("AT+CIPMUX=1");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSSLCSNI=2,\"host.example\""));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSSLCSNI=2,\"\""));
        Assert.Null(port.Emulator.Links.Tls[2].Sni);
    }

    /// <summary>docs TCP-IP_AT_Commands.rst AT+CIPTCPOPT: every option in brackets keeps its last value when omitted
    /// (issue 14 item 4); the options belong to the link id, so no open TCP link is needed.</summary>
    [Fact]
    public void TcpOptKeepsOmittedOptions()
    {
        using var port = Port();
        port.Command("AT+CIPMUX=1");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPTCPOPT=0,,,5000"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPTCPOPT=0,,1,,60"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPTCPOPT=3,-1,1,0"));
        Assert.Equal(
            "+CIPTCPOPT:0,-1,1,5000,60\r\n+CIPTCPOPT:1,-1,0,0,0\r\n+CIPTCPOPT:2,-1,0,0,0\r\n+CIPTCPOPT:3,-1,1,0,0\r\n+CIPTCPOPT:4,-1,0,0,0\r\n\r\nOK\r\n",
            port.Command("AT+CIPTCPOPT?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPTCPOPT=5,10,,,"));
        Assert.StartsWith("+CIPTCPOPT:0,10,1,5000,60\r\n+CIPTCPOPT:1,10,0,0,0\r\n", port.Command("AT+CIPTCPOPT?"));
        // A bad field changes nothing, and says which field.
        Assert.Equal("ERR CODE:0x01070004\r\n\r\nERROR\r\n", Error(port, "AT+CIPTCPOPT=0,1,1,1,7201"));
        Assert.Equal("ERR CODE:0x01070002\r\n\r\nERROR\r\n", Error(port, "AT+CIPTCPOPT=0,1,2,1"));
        Assert.Equal("ERR CODE:0x01080001\r\n\r\nERROR\r\n", Error(port, "AT+CIPTCPOPT=0,x,1,1"));
        Assert.Equal("ERR CODE:0x01060402\r\n\r\nERROR\r\n", Error(port, "AT+CIPTCPOPT=0,1"));
        Assert.StartsWith("+CIPTCPOPT:0,10,1,5000,60\r\n", port.Command("AT+CIPTCPOPT?"));
    }

    [Fact]
    public void TcpOptInSingleModeHasNoId()
    {
        using var port = Port();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPTCPOPT=,,3000"));
        Assert.Equal("+CIPTCPOPT:0,-1,0,3000,0\r\n\r\nOK\r\n", port.Command("AT+CIPTCPOPT?"));
    }
}
