namespace Millwright.Controller.Provisioning;

/// <summary>A commissioning sheet was refused before any node was touched; the message names the file, line and column.</summary>
public sealed class BulkSheetException(string message) : FormatException(message);
