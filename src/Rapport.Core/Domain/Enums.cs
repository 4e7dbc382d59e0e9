namespace Rapport.Core.Domain;

// Enums are stored by name (see the Data model conventions), so renaming a member is a schema change.

public enum RecordStatus { Active, Merged, Erased }

public enum ContactKind { Email, Phone, Address }

public enum OrderStatus { Placed, Paid, Shipped, Completed, Cancelled, Returned, PartiallyReturned }

public enum SalesChannel { Online, Store, Phone, Marketplace }

public enum InteractionKind { Call, Email, Meeting, Note, Chat, Social }

public enum InteractionDirection { Inbound, Outbound, Internal }

public enum DealStatus { Open, Won, Lost }

public enum TicketStatus { New, Open, Pending, Resolved, Closed }

public enum TicketPriority { Low, Normal, High, Urgent }

public enum TicketChannel { Email, Web, Phone, Chat, Api }

public enum CampaignChannel { Email, Sms, Phone, Post, Push }

public enum CampaignStatus { Draft, Scheduled, Running, Completed, Cancelled }

public enum CampaignMemberStatus { Pending, Sent, Failed, Suppressed }

/// <summary>Why a targeted customer gets no message.</summary>
public enum SuppressionReason { NoConsent, NoAddress, FrequencyCap, OverBudget, Erased, ConsentWithdrawn }

/// <summary>Cancelled: the customer was erased or withdrew consent before the message went.</summary>
public enum OutboxStatus { Pending, Sent, Failed, Cancelled }

public enum CampaignResponseKind { Opened, Clicked, Purchased, Unsubscribed }

public enum FeedbackKind { Nps, Csat }

public enum ConsentChannel { Email, Sms, Phone, Post, Push }

public enum ConsentPurpose { Marketing, Profiling, Service, ThirdPartySharing }

public enum ConsentStatus { Granted, Withdrawn }

public enum SegmentKind { Manual, Rule, Rfm, Cluster, Model }

public enum AuditAction { Create, Update, Delete, Read, Export, Erase, SignIn }

public enum ImportStatus { Running, Completed, Failed, Undone }
