using Rapport.Core.Security;

namespace Rapport.Core.Tests;

public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("jane.doe@example.com", "j***@example.com")]
    [InlineData("+44 20 7946 0958", "+** ** **** **58")]
    [InlineData("13812345678", "*********78")]
    [InlineData("Jane", "J***")]
    [InlineData("李娜", "李***")]
    [InlineData("12 Baker Street", "1***")]
    [InlineData("卢", "***")]
    [InlineData("", "")]
    public void Text_keeps_just_enough_to_tell_records_apart(string value, string masked) => Assert.Equal(masked, PersonalDataMask.Mask(value));

    [Fact]
    public void Other_values_are_hidden_and_null_stays_null()
    {
        Assert.Equal("***", PersonalDataMask.Mask(new DateOnly(1990, 5, 17)));
        Assert.Null(PersonalDataMask.Mask(null));
    }
}
