namespace Millwright.Controller.Devices;

/// <summary>The result of a key lookup: <see cref="Key"/> is set exactly when <see cref="Status"/> is Found.</summary>
public readonly record struct KeyLookup(KeyLookupStatus Status, VerificationKey? Key)
{
    public static KeyLookup Of(KeyLookupStatus status) => new(status, null);
}
