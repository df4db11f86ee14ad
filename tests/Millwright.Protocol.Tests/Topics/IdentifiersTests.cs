using Millwright.Protocol.Topics;

namespace Millwright.Protocol.Tests.Topics;

public class IdentifiersTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("press-01")]
    [InlineData("plant_a")]
    [InlineData("a-")]
    [InlineData("a_")]
    [InlineData("0123456789abcdefghijklmnopqrstuv")]
    [InlineData("z--__--z")]
    public void AcceptsLowercaseLettersDigitsHyphenAndUnderscore(string id)
    {
        Assert.True(Identifiers.IsValid(id));
        Identifiers.Validate(id, "device id");
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("pressA")]
    [InlineData("-a")]
    [InlineData("_a")]
    [InlineData("a/b")]
    [InlineData("a+b")]
    [InlineData("a#b")]
    [InlineData("$a")]
    [InlineData("a$")]
    [InlineData("a b")]
    [InlineData("a.b")]
    [InlineData("a:b")]
    [InlineData("é")]
    [InlineData("０")]
    [InlineData("a\u0000")]
    [InlineData("0123456789abcdefghijklmnopqrstuvw")]
    public void RejectsEverythingElse(string id)
    {
        Assert.False(Identifiers.IsValid(id));
        ProtocolException error = Assert.Throws<ProtocolException>(() => Identifiers.Validate(id, "device id"));
        Assert.Equal(ProtocolError.InvalidIdentifier, error.Error);
        Assert.StartsWith("device id must be 1-32 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsNull()
    {
        Assert.False(Identifiers.IsValid(null!));
        Assert.Equal(ProtocolError.InvalidIdentifier, Assert.Throws<ProtocolException>(() => Identifiers.Validate(null!, "plant id")).Error);
    }

    [Fact]
    public void EveryAsciiCharacterIsClassifiedAsDocumented()
    {
        for (char c = '\0'; c < 128; c++)
        {
            bool alphanumeric = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            Assert.Equal(alphanumeric, Identifiers.IsValid(c.ToString()));
            Assert.Equal(alphanumeric || c is '-' or '_', Identifiers.IsValid("a" + c));
        }
    }
}
