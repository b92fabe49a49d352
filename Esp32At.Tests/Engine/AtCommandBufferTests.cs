using System.Text;
using Esp32At.Engine;

namespace Esp32At.Tests.Engine;

public class AtCommandBufferTests
{
    private static string Bytes(AtCommandBuffer b) => Encoding.UTF8.GetString(b.Data, 0, b.Length);

    [Fact]
    public void ComposesLiteralsIntegersAndEscapedStrings()
    {
        var b = new AtCommandBuffer().Append("AT+CWJAP=").AppendQuoted("my,net\"1\\", "ssid").Append(",").Append(-42).Append(",").Append(0).Append(",").Append(int.MaxValue).AppendLineEnd();
        Assert.Equal("AT+CWJAP=\"my\\,net\\\"1\\\\\",-42,0,2147483647\r\n", Bytes(b));
    }

    [Fact]
    public void EncodesNonAsciiAsUtf8()
    {
        var b = new AtCommandBuffer().AppendQuoted("Café☕", "ssid");
        Assert.Equal("\"Café☕\"", Bytes(b));
    }

    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    public void RejectsLineBreaksAndNulNamingTheArgument(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => new AtCommandBuffer().AppendQuoted(value, "password"));
        Assert.Equal("password", e.ParamName);
    }

    [Fact]
    public void RejectsCommandsLongerThanTheBuffer()
    {
        var b = new AtCommandBuffer(8);
        Assert.Throws<ArgumentException>(() => b.Append("AT+TOOLONG"));
    }

    [Fact]
    public void ClearStartsANewCommand() => Assert.Equal(2, new AtCommandBuffer().Append("ATE0").Clear().Append("AT").Length);
}
