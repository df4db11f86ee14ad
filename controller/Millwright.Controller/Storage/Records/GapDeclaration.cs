namespace Millwright.Controller.Storage.Records;

/// <summary>The content of a gap record: the device dropped <see cref="FirstDropped"/>..<see cref="LastDropped"/>
/// (inclusive) for <see cref="Reason"/> (protocol §5.4; 3–255 are reserved but accepted).</summary>
public readonly record struct GapDeclaration(long FirstDropped, long LastDropped, int Reason);
