using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Rapport.Data.Encryption;

namespace Rapport.Data.Model;

/// <summary>
/// Field-level encryption at rest, decided from the personal-data marks: every [ProtectedPersonalData] column is stored
/// as AES-GCM ciphertext through a value converter (so the ORM, the bulk writers and query parameters all see the
/// same), except columns configured as a blind index (keyed hash for exact lookups) or as searchable plain text.
/// </summary>
public static class FieldEncryptionConvention
{
    public const string Annotation = "Rapport:Storage";
    public const string Cipher = "cipher";
    public const string Index = "blind-index";
    public const string Plain = "plain";

    /// <summary>Stores a normalised lookup value as a keyed hash: equality still works (parameters are hashed too), reading it back does not.</summary>
    public static PropertyBuilder<T> IsBlindIndex<T>(this PropertyBuilder<T> property) => property.HasAnnotation(Annotation, Index);

    /// <summary>Keeps a protected column readable by the database, for searches encryption would rule out (say why at the call).</summary>
    public static PropertyBuilder<T> StoredInPlaintext<T>(this PropertyBuilder<T> property) => property.HasAnnotation(Annotation, Plain);

    // Compared as strings on purpose: `is Index` would be a type pattern against System.Index and never match.
    public static bool IsEncrypted(this IReadOnlyProperty property) => property.FindAnnotation(Annotation)?.Value as string == Cipher;

    public static bool IsBlindIndexed(this IReadOnlyProperty property) => property.FindAnnotation(Annotation)?.Value as string == Index;

    internal static void Apply(ModelBuilder builder, FieldKeyRing ring)
    {
        var cipher = new ValueConverter<string, string>(v => ring.Protect(v), v => ring.Unprotect(v));
        var date = new ValueConverter<DateOnly, string>(
            v => ring.Protect(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            v => DateOnly.ParseExact(ring.Unprotect(v), "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var index = new ValueConverter<string, string>(v => ring.BlindIndex(v), v => v);

        foreach (var entity in builder.Model.GetEntityTypes())
        foreach (var property in entity.GetProperties())
        {
            // CRM records only: staff accounts' user name and e-mail (declared by Identity) are looked up by Identity and stay as they are.
            if (property.PropertyInfo?.DeclaringType?.Namespace != typeof(Rapport.Core.Domain.Customer).Namespace) continue;
            var configured = property.FindAnnotation(Annotation)?.Value as string;
            if (configured == Index)
            {
                property.SetValueConverter(index);
                continue;
            }
            if (configured == Plain || !property.IsProtected()) continue;
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            property.SetValueConverter(type == typeof(string) ? cipher
                : type == typeof(DateOnly) ? date
                : throw new InvalidOperationException($"{entity.DisplayName()}.{property.Name} is protected personal data of type {type.Name}, which field encryption cannot store."));
            // Ciphertext is longer than the text (prefix, nonce, tag, base64): the column is unbounded text.
            property.SetMaxLength(null);
            property.SetAnnotation(Annotation, Cipher);
        }
    }
}
