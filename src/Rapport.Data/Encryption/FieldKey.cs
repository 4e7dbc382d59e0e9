namespace Rapport.Data.Encryption;

public enum FieldKeyPurpose { Data, Index }

/// <summary>
/// One key of the field-encryption key ring (table <c>field_keys</c>). The key material is stored only as
/// ASP.NET Core Data Protection ciphertext, so a copy of this table alone does not reveal it.
/// </summary>
public class FieldKey
{
    /// <summary>Short random id carried by every ciphertext or blind index made with the key.</summary>
    public string Id { get; set; } = "";
    public FieldKeyPurpose Purpose { get; set; }
    /// <summary>The 32-byte key, protected with Data Protection (purpose <see cref="FieldKeyRing.ProtectorPurpose"/>).</summary>
    public string ProtectedMaterial { get; set; } = "";
    /// <summary>New values are written under the active key of each purpose (one at a time).</summary>
    public bool IsActive { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When a full pass confirmed that every protected column was under this key (set once; null while a pass is due).</summary>
    public DateTime? SweptAt { get; set; }
    /// <summary>When the key was retired: no stored value uses it any more; it stays readable in case a stale writer used it.</summary>
    public DateTime? RetiredAt { get; set; }
}
