namespace Millwright.Controller.Tests.Anchoring;

/// <summary>Tests that start Anvil nodes run one at a time: the machine has two cores, and timing matters to some.</summary>
[CollectionDefinition(Name)]
public sealed class AnvilTestGroup
{
    public const string Name = "Anvil";
}
