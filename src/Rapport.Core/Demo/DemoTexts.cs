using System.Text;
using Rapport.Core.Domain;

namespace Rapport.Core.Demo;

internal sealed record TicketTemplate(string Subject, string Body);

/// <summary>A ticket intent with English and Simplified Chinese customer messages, an agent reply and a knowledge article per language.</summary>
internal sealed record IntentSpec(
    string Name,
    string Category,
    string Description,
    TicketPriority Priority,
    bool NeedsOrder,
    TicketTemplate[] English,
    TicketTemplate[] Chinese,
    string[] ReplyEnglish,
    string[] ReplyChinese,
    TicketTemplate ArticleEnglish,
    TicketTemplate ArticleChinese);

/// <summary>
/// Everything the demo writes as text. Slots: {order} order number, {product} product name, {days} days since the
/// order, {amount} order total, {date} order date, {name} the customer's name.
/// </summary>
internal static class DemoTexts
{
    public static readonly IntentSpec[] Intents =
    [
        new("order_status", "Orders", "Where is my order / no tracking yet", TicketPriority.Normal, true,
            [
                new("Where is my order {order}?", "I placed order {order} on {date} and haven't received any shipping update yet. Could you tell me where it is?"),
                new("Order {order} status", "Can you please check the status of my order {order}? The tracking page still says it is being processed."),
                new("No tracking number for {order}", "It has been {days} days since I ordered the {product} (order {order}) and I still have no tracking number."),
                new("When will {order} ship?", "Just wondering when my order {order} will be shipped. I need the {product} by next week."),
            ],
            [
                new("订单{order}到哪里了？", "我在{date}下的订单{order}到现在还没有物流更新，请帮我查一下现在到哪里了。"),
                new("查询订单{order}的状态", "麻烦帮我查询一下订单{order}的状态，页面上一直显示处理中。"),
                new("订单{order}没有物流单号", "我买的{product}已经下单{days}天了（订单号{order}），还是没有收到物流单号。"),
                new("{order}什么时候发货？", "想问一下订单{order}什么时候能发货？我下周之前需要用到{product}。"),
            ],
            ["Hi {name}, thanks for getting in touch. Your order {order} has left our warehouse and is on its way; the tracking link will reach you by e-mail shortly.",
             "Hello {name}, I checked order {order}: it was handed to the carrier today. You can follow it with the tracking link in your account."],
            ["{name}您好，感谢您的联系。您的订单{order}已从仓库发出，物流链接稍后会发送到您的邮箱。",
             "{name}您好，已帮您查询订单{order}，今天已交给快递公司，您可以在账户里通过物流链接查看进度。"],
            new("Where is my order?", "Orders leave our warehouse within 1–2 working days. As soon as your parcel is handed to the carrier you receive an e-mail with the tracking link. You can also see the status under My account → Orders."),
            new("我的订单到哪里了？", "订单通常在1–2个工作日内从仓库发出。包裹交给快递公司后，您会收到带有物流链接的邮件，也可以在“我的账户 → 订单”中查看状态。")),

        new("refund_request", "Returns", "Refund after a return has not arrived or is requested", TicketPriority.Normal, true,
            [
                new("Refund for order {order}", "I returned the {product} from order {order} {days} days ago but I still haven't received my refund of €{amount}. When will it be processed?"),
                new("Request a refund", "I would like a refund for my order {order}. The {product} is not what I expected and I have already sent it back."),
                new("Money back for returned item", "Your warehouse confirmed my return for order {order}. Please refund the amount to my original payment method."),
                new("Refund still pending ({order})", "My refund for {order} is still pending after {days} days. Can you check what is going on?"),
            ],
            [
                new("订单{order}退款", "我{days}天前已经把订单{order}里的{product}寄回去了，但还没收到€{amount}的退款，请问什么时候能处理？"),
                new("申请退款", "我想申请订单{order}的退款，{product}和描述的不一样，我已经寄回了。"),
                new("退货后退款问题", "仓库已经确认收到订单{order}的退货了，请把钱退回原支付方式。"),
                new("退款一直没到账（{order}）", "订单{order}的退款已经{days}天了还显示处理中，麻烦帮忙看一下是什么情况。"),
            ],
            ["Hi {name}, we have received your return for order {order}. The refund has been issued today and should appear on your statement within 3–5 working days.",
             "Hello {name}, sorry for the wait. I have pushed the refund for order {order} through manually; you will get a confirmation e-mail shortly."],
            ["{name}您好，我们已收到订单{order}的退货，退款今天已经发出，预计3–5个工作日内到账。",
             "{name}您好，抱歉让您久等了。我已手动为订单{order}办理退款，稍后您会收到确认邮件。"],
            new("How long does a refund take?", "Once your return arrives at our warehouse we check it within 2 working days and refund the original payment method. Banks usually need 3–5 working days to show the money."),
            new("退款需要多长时间？", "退货到达仓库后，我们会在2个工作日内完成检查并原路退款。银行到账通常需要3–5个工作日。")),

        new("damaged_item", "Returns", "The item arrived damaged or broken", TicketPriority.High, true,
            [
                new("Item arrived damaged", "The {product} from order {order} arrived broken. The box was crushed and the item is scratched. I'd like a replacement."),
                new("Damaged {product}", "I received my {product} today but it is damaged. Order number {order}. Photos attached."),
                new("Broken on arrival – order {order}", "Unfortunately the {product} does not work, it looks like it was damaged during shipping."),
                new("Parts missing and damaged", "My order {order} arrived with a cracked {product} and some parts missing. What can you do?"),
            ],
            [
                new("收到的商品有损坏", "订单{order}里的{product}收到时已经坏了，外箱被压扁，商品有划痕，希望能换一个新的。"),
                new("{product}破损", "今天收到{product}，但是有破损。订单号{order}，照片已附上。"),
                new("订单{order}到货即损坏", "很遗憾，{product}无法使用，看起来是运输过程中损坏的。"),
                new("商品破裂且缺少配件", "订单{order}到货时{product}有裂痕，还少了几个配件，请问怎么处理？"),
            ],
            ["Hi {name}, I'm sorry the {product} arrived damaged. A replacement is on its way and you don't need to send the broken one back.",
             "Hello {name}, thank you for the photos. We will send a free return label for order {order} and ship a new {product} as soon as the parcel is scanned."],
            ["{name}您好，很抱歉{product}到货时有损坏。我们已为您补发新的商品，损坏的无需寄回。",
             "{name}您好，感谢提供照片。我们会为订单{order}发送免费退货标签，包裹扫描后立即补发新的{product}。"],
            new("My item arrived damaged", "Please send us a photo of the damaged item and the parcel within 14 days. We replace damaged goods free of charge or refund them in full, whichever you prefer."),
            new("收到的商品损坏怎么办？", "请在14天内发送商品和外包装的照片给我们。我们会免费为您换货或全额退款，由您选择。")),

        new("delivery_delay", "Delivery", "The delivery is late or stuck", TicketPriority.Normal, true,
            [
                new("Delivery is late", "My order {order} was supposed to arrive {days} days ago. The tracking hasn't moved since. Please help."),
                new("Package not delivered yet", "The courier says my parcel for order {order} is delayed. I've been waiting {days} days for the {product}."),
                new("Order {order} still not here", "Still no sign of order {order}. The estimated delivery date has passed. What is happening with the delivery?"),
                new("Shipping delay", "Why is the shipping for {order} taking so long? It's been {days} days."),
            ],
            [
                new("快递延误", "订单{order}本来{days}天前就应该到了，物流信息一直没有更新，请帮忙处理。"),
                new("包裹还没送到", "快递说订单{order}的包裹延误了，我等{product}已经等了{days}天。"),
                new("订单{order}还没收到", "订单{order}到现在还没有收到，预计送达时间已经过了，请问配送出了什么问题？"),
                new("物流太慢了", "为什么订单{order}的物流这么慢？已经{days}天了。"),
            ],
            ["Hi {name}, I'm sorry about the delay. I have opened an investigation with the carrier for order {order} and will update you within 48 hours.",
             "Hello {name}, the carrier confirmed a backlog in your area; order {order} should be delivered within the next two days."],
            ["{name}您好，很抱歉配送延误。我已就订单{order}向快递公司发起调查，48小时内给您答复。",
             "{name}您好，快递公司确认您所在地区有积压，订单{order}预计两天内送达。"],
            new("My delivery is late", "Most parcels arrive within 3–5 working days. If the tracking has not changed for 5 working days, contact us and we will open an investigation with the carrier."),
            new("配送延误怎么办？", "大多数包裹在3–5个工作日内送达。如果物流信息5个工作日没有更新，请联系我们，我们会向快递公司发起调查。")),

        new("change_address", "Orders", "Change the delivery address of an order", TicketPriority.High, true,
            [
                new("Change delivery address", "I just placed order {order} and noticed the delivery address is wrong. Can you change it to my new address before it ships?"),
                new("Wrong shipping address on {order}", "Please update the shipping address for order {order}. I moved last week."),
                new("Update address for my order", "Could you send order {order} to my office instead? I won't be home this week."),
                new("Address correction", "There is a typo in the postcode for order {order}. Can you correct it?"),
            ],
            [
                new("修改收货地址", "我刚下了订单{order}，发现收货地址填错了，能在发货前帮我改成新地址吗？"),
                new("订单{order}地址错误", "请帮我更新订单{order}的收货地址，我上周搬家了。"),
                new("更改订单配送地址", "订单{order}可以改寄到我公司吗？这周我不在家。"),
                new("地址更正", "订单{order}的邮编写错了，麻烦帮忙改一下。"),
            ],
            ["Hi {name}, I have updated the delivery address of order {order}. It has not shipped yet, so it will go to the new address.",
             "Hello {name}, unfortunately order {order} has already left the warehouse; I have asked the carrier to redirect it to the new address."],
            ["{name}您好，已为您更新订单{order}的收货地址，订单尚未发货，会寄到新地址。",
             "{name}您好，很遗憾订单{order}已经出库，我已联系快递公司改派到新地址。"],
            new("Can I change my delivery address?", "You can change the address yourself until the order is packed (My account → Orders → Change address). After that, contact us quickly and we will ask the carrier to redirect the parcel."),
            new("可以修改收货地址吗？", "订单打包前，您可以在“我的账户 → 订单 → 修改地址”中自行修改。打包后请尽快联系我们，我们会请快递公司改派。")),

        new("cancel_order", "Orders", "Cancel an order before it ships", TicketPriority.High, true,
            [
                new("Cancel my order", "Please cancel order {order}. I ordered the {product} by mistake."),
                new("Cancellation request {order}", "I would like to cancel order {order} as I found a better price elsewhere."),
                new("Please cancel {order}", "I no longer need the {product}. Can you cancel order {order} before it ships?"),
                new("Cancel order – duplicate", "I accidentally placed the same order twice. Please cancel {order}."),
            ],
            [
                new("取消订单", "请帮我取消订单{order}，{product}是我下错单了。"),
                new("申请取消订单{order}", "我想取消订单{order}，在别处找到了更便宜的价格。"),
                new("请取消{order}", "我不需要{product}了，能在发货前取消订单{order}吗？"),
                new("重复下单，请取消", "我不小心重复下了同一个订单，请取消{order}。"),
            ],
            ["Hi {name}, order {order} has been cancelled and the payment of €{amount} will be released to your account.",
             "Hello {name}, done: order {order} is cancelled. You will see the refund within a few working days."],
            ["{name}您好，订单{order}已取消，€{amount}的款项会退回您的账户。",
             "{name}您好，订单{order}已为您取消，退款会在几个工作日内到账。"],
            new("How do I cancel an order?", "Orders can be cancelled free of charge until they are packed: use My account → Orders → Cancel, or contact us. Once shipped, you can return the parcel instead."),
            new("如何取消订单？", "订单打包前可以免费取消：在“我的账户 → 订单 → 取消”操作或联系我们。已发货的订单可以在收货后办理退货。")),

        new("payment_failed", "Billing", "Payment failed, declined or charged twice", TicketPriority.High, true,
            [
                new("Payment failed", "I tried to pay for order {order} but the payment failed, although my card was charged €{amount}."),
                new("Card declined at checkout", "My card keeps getting declined at checkout, but it works everywhere else. Order {order}."),
                new("Charged twice", "I was charged twice for order {order}. Please refund the duplicate payment of €{amount}."),
                new("Problem with payment", "The payment page shows an error when I try to pay with PayPal. Can you help me complete order {order}?"),
            ],
            [
                new("支付失败", "我给订单{order}付款时显示支付失败，但是卡里已经扣了€{amount}。"),
                new("结账时银行卡被拒", "结账时我的银行卡一直被拒绝，但在别的地方都能用。订单号{order}。"),
                new("被重复扣款", "订单{order}被扣了两次钱，请退还重复扣的€{amount}。"),
                new("付款出现问题", "用支付宝付款时页面报错，能帮我完成订单{order}的付款吗？"),
            ],
            ["Hi {name}, I can see the failed attempt for order {order}. The amount is only reserved and will be released automatically within 5 days.",
             "Hello {name}, the duplicate payment for order {order} has been refunded. Sorry for the trouble."],
            ["{name}您好，我看到了订单{order}的失败付款记录，这笔钱只是预授权冻结，5天内会自动解冻。",
             "{name}您好，订单{order}的重复扣款已经退回，给您带来不便非常抱歉。"],
            new("My payment failed", "A failed payment is only reserved by your bank and is released automatically within 5 days. Try another payment method or contact your bank if the card is declined repeatedly."),
            new("付款失败怎么办？", "失败的付款只是被银行预授权冻结，5天内会自动解冻。如果银行卡多次被拒，请尝试其他支付方式或联系发卡行。")),

        new("account_login", "Account", "Cannot sign in, reset the password or unlock the account", TicketPriority.Normal, false,
            [
                new("Can't log in", "I can't log in to my account. I reset my password twice but the link in the email doesn't work."),
                new("Password reset not working", "The password reset email never arrives. I've checked my spam folder."),
                new("Account locked", "My account says it is locked after too many attempts. Please unlock it."),
                new("Login problem", "Every time I sign in I get sent back to the login page. I'm using the app on my phone."),
            ],
            [
                new("无法登录账户", "我登录不了我的账户，重置了两次密码，但邮件里的链接打不开。"),
                new("收不到重置密码邮件", "一直收不到重置密码的邮件，垃圾邮件里也找过了。"),
                new("账户被锁定", "提示多次尝试后账户被锁定了，请帮我解锁。"),
                new("登录问题", "每次登录都会跳回登录页面，我用的是手机App。"),
            ],
            ["Hi {name}, I have unlocked your account and sent a new password reset link. It is valid for 24 hours.",
             "Hello {name}, please clear the app's cache and update to the latest version; that fixes the login loop. Let me know if it persists."],
            ["{name}您好，已为您解锁账户并重新发送了重置密码链接，24小时内有效。",
             "{name}您好，请清除App缓存并更新到最新版本，可以解决反复跳回登录页的问题。如仍有问题请告诉我们。"],
            new("I can't sign in", "Use 'Forgot password' on the sign-in page; the link is valid for 24 hours. After 5 failed attempts the account locks for 30 minutes. Still stuck? Contact us and we will unlock it."),
            new("无法登录怎么办？", "请在登录页点击“忘记密码”，重置链接24小时内有效。连续5次失败后账户会锁定30分钟。仍无法登录请联系我们为您解锁。")),

        new("product_question", "Product", "Question about a product before or after buying", TicketPriority.Low, false,
            [
                new("Question about {product}", "Is the {product} compatible with older models? I'd like to know before I order."),
                new("{product} – size and dimensions", "Could you tell me the exact dimensions and weight of the {product}?"),
                new("Is {product} back in stock?", "The {product} shows as out of stock. Do you know when it will be available again?"),
                new("Materials of {product}", "What material is the {product} made of, and does it come with a warranty?"),
            ],
            [
                new("关于{product}的问题", "请问{product}和旧款兼容吗？下单前想确认一下。"),
                new("{product}的尺寸", "能告诉我{product}的具体尺寸和重量吗？"),
                new("{product}什么时候补货？", "{product}显示缺货，请问什么时候会有货？"),
                new("{product}的材质和保修", "请问{product}是什么材质的？有保修吗？"),
            ],
            ["Hi {name}, thanks for your interest in the {product}. I have added the full specifications to this reply; it comes with a 2-year warranty.",
             "Hello {name}, the {product} will be back in stock in about two weeks. I have set up an e-mail alert for you."],
            ["{name}您好，感谢您关注{product}。详细规格已附在回复中，该商品提供2年保修。",
             "{name}您好，{product}预计两周左右补货，已为您设置到货邮件提醒。"],
            new("Product details and availability", "Every product page lists dimensions, materials and the warranty. For items out of stock, use 'Notify me' to get an e-mail when they are back."),
            new("商品信息与库存", "每个商品页面都列出了尺寸、材质和保修信息。缺货商品可以点击“到货通知”，补货时会邮件提醒您。")),

        new("warranty_claim", "Returns", "The product broke after some use, within warranty", TicketPriority.Normal, true,
            [
                new("Warranty claim for {product}", "My {product} (order {order}) stopped working after {days} days. I'd like to make a warranty claim."),
                new("{product} broke within warranty", "The {product} I bought in order {order} has a fault. It is still under warranty. How do I send it in?"),
                new("Repair under warranty", "The {product} no longer turns on. Can it be repaired or replaced under warranty? Order {order}."),
                new("Defect after {days} days", "After only {days} days of normal use the {product} is defective. Please advise."),
            ],
            [
                new("{product}保修申请", "我的{product}（订单{order}）用了{days}天就坏了，想申请保修。"),
                new("{product}在保修期内坏了", "订单{order}买的{product}出了故障，还在保修期内，请问怎么寄修？"),
                new("保修维修", "{product}开不了机了，能保修维修或者换新吗？订单号{order}。"),
                new("使用{days}天后出现故障", "正常使用才{days}天，{product}就出问题了，请问该怎么办？"),
            ],
            ["Hi {name}, your {product} is covered by the warranty. I have e-mailed you a prepaid label; we repair or replace it within 10 working days.",
             "Hello {name}, sorry to hear that. Please send a short video of the fault so we can approve the warranty replacement for order {order}."],
            ["{name}您好，您的{product}在保修范围内。预付运费的寄修标签已发到您的邮箱，我们会在10个工作日内维修或更换。",
             "{name}您好，很抱歉听到这个情况。请发一段故障视频，以便我们为订单{order}批准保修换新。"],
            new("Warranty claims", "All products carry at least a 2-year warranty. Request a prepaid label under My account → Orders → Warranty; we repair or replace the item within 10 working days."),
            new("保修申请", "所有商品至少享有2年保修。请在“我的账户 → 订单 → 保修”申请预付运费标签，我们会在10个工作日内维修或更换。")),

        new("invoice_request", "Billing", "Invoice, VAT invoice or corrected invoice", TicketPriority.Low, true,
            [
                new("Invoice for order {order}", "Could you send me a VAT invoice for order {order}? I need it for my company's accounts."),
                new("Need an invoice with company name", "Please issue the invoice for {order} with our company name and VAT number."),
                new("Missing invoice", "I didn't receive an invoice for order {order} (€{amount}). Can you email it to me?"),
                new("Corrected invoice please", "The invoice for {order} has the wrong billing address. Please send a corrected one."),
            ],
            [
                new("订单{order}的发票", "能给我开一张订单{order}的增值税发票吗？公司报销需要。"),
                new("需要开公司抬头的发票", "请把订单{order}的发票抬头开成我们公司的名称和税号。"),
                new("没有收到发票", "订单{order}（€{amount}）没有收到发票，可以发到我邮箱吗？"),
                new("请重新开具发票", "订单{order}发票上的账单地址错了，请重新开一张。"),
            ],
            ["Hi {name}, please find the invoice for order {order} attached. You can also download it any time under My account → Orders.",
             "Hello {name}, I have issued a corrected invoice for order {order} with your company details."],
            ["{name}您好，订单{order}的发票已附上，您也可以随时在“我的账户 → 订单”中下载。",
             "{name}您好，已按贵公司信息为订单{order}重新开具发票。"],
            new("Invoices and VAT", "Invoices are available under My account → Orders as PDF. Add your company name and VAT number before ordering, or ask us for a corrected invoice within 30 days."),
            new("发票与增值税", "发票可在“我的账户 → 订单”中以PDF下载。请在下单前填写公司名称和税号，或在30天内联系我们重新开具。")),

        new("complaint", "Feedback", "General complaint about service, quality or courier", TicketPriority.High, true,
            [
                new("Very disappointed", "I am very disappointed with your service. My order {order} was handled badly and nobody answered my emails."),
                new("Complaint about customer service", "This is the third time I contact you about order {order}. This is unacceptable."),
                new("Poor quality {product}", "The quality of the {product} is much worse than advertised. I expected better for €{amount}."),
                new("Unhappy with my experience", "The courier was rude and left my parcel in the rain. The {product} got wet. Not happy at all."),
            ],
            [
                new("非常失望", "对你们的服务非常失望，订单{order}处理得很糟糕，发了邮件也没人回复。"),
                new("投诉客服", "这已经是我第三次联系你们关于订单{order}的问题了，太让人无法接受了。"),
                new("{product}质量太差", "{product}的质量比宣传的差很多，花了€{amount}，本来期望更好。"),
                new("购物体验很差", "快递员态度很差，把包裹放在雨里，{product}都湿了，非常不满意。"),
            ],
            ["Hi {name}, I'm truly sorry about your experience with order {order}. I have passed your feedback to the team lead and added a €10 voucher to your account.",
             "Hello {name}, thank you for telling us. This is not the service we want to give; a senior colleague will call you tomorrow."],
            ["{name}您好，对于订单{order}给您带来的不愉快体验我们深表歉意。已将您的反馈转交主管，并在您的账户中添加了€10优惠券。",
             "{name}您好，感谢您告诉我们。这不是我们希望提供的服务，明天会有资深同事致电给您。"],
            new("How we handle complaints", "Every complaint is read by a team lead. We answer within one working day and, where we got it wrong, put it right with a replacement, refund or voucher."),
            new("投诉处理流程", "每一条投诉都会由主管阅读。我们会在一个工作日内回复，如果是我们的问题，会通过换货、退款或优惠券进行弥补。")),
    ];

    public static readonly string[] NegativeIntents = ["complaint", "damaged_item", "delivery_delay"];

    public static readonly string[] GreetingsEnglish = ["Hi,", "Hello,", "Dear support team,", "Hi there,", "Good morning,", ""];
    public static readonly string[] ClosingsEnglish = ["Thanks,\n{name}", "Kind regards,\n{name}", "Thank you!", "Best,\n{name}", "Thanks in advance."];
    public static readonly string[] GreetingsChinese = ["您好，", "你好，", "客服您好，", ""];
    public static readonly string[] ClosingsChinese = ["谢谢！", "麻烦尽快处理，谢谢。", "{name}", "期待您的回复。"];

    public static readonly string[] FollowUpsEnglish = ["Thanks for the quick reply!", "Any update on this?", "That worked, thank you.", "I still haven't heard back, could you check again?", "Great, thanks for sorting this out."];
    public static readonly string[] FollowUpsChinese = ["谢谢你们的快速回复！", "请问有进展了吗？", "问题解决了，谢谢。", "还是没有收到回复，能再帮我看一下吗？", "好的，谢谢处理。"];
    public static readonly string[] InternalNotes = ["Checked with the warehouse.", "Escalated to the carrier.", "Refund approved by team lead.", "Customer called, details updated.", "Waiting for photos from the customer.", "Linked to the carrier investigation."];
    public const string ResolvedEnglish = "This has now been resolved. Let us know if there is anything else we can help with.";
    public const string ResolvedChinese = "问题已处理完毕，如有其他需要请随时联系我们。";

    public static string Fill(string template, IReadOnlyDictionary<string, string> slots)
    {
        if (!template.Contains('{', StringComparison.Ordinal)) return template;
        var sb = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            var close = template.IndexOf('}', open);
            if (close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, open - i);
            var key = template[(open + 1)..close];
            sb.Append(slots.TryGetValue(key, out var value) ? value : template[open..(close + 1)]);
            i = close + 1;
        }
        return sb.ToString();
    }

    // ---- interactions ------------------------------------------------------------------------------------------

    public sealed record InteractionTemplate(InteractionKind Kind, InteractionDirection Direction, string English, string Chinese, string Body);

    public static readonly InteractionTemplate[] Consumer =
    [
        new(InteractionKind.Chat, InteractionDirection.Inbound, "Chat: question about delivery times", "在线咨询：配送时间", "Customer asked how long delivery takes; explained standard and express options."),
        new(InteractionKind.Chat, InteractionDirection.Inbound, "Chat: sizing advice", "在线咨询：尺码建议", "Helped the customer choose a size using the size chart."),
        new(InteractionKind.Chat, InteractionDirection.Inbound, "Chat: product availability", "在线咨询：商品库存", "Customer asked when an item is back in stock; set up an alert."),
        new(InteractionKind.Chat, InteractionDirection.Inbound, "Chat: help with checkout", "在线咨询：结账帮助", "Walked the customer through applying a voucher at checkout."),
        new(InteractionKind.Email, InteractionDirection.Inbound, "Question about my account", "关于我的账户的问题", "Customer asked to update the e-mail address on the account."),
        new(InteractionKind.Email, InteractionDirection.Inbound, "Gift wrapping request", "礼品包装需求", "Customer asked whether gift wrapping is available for the next order."),
        new(InteractionKind.Email, InteractionDirection.Outbound, "Follow-up on your recent order", "关于您最近订单的回访", "Asked whether the customer is happy with the recent purchase."),
        new(InteractionKind.Email, InteractionDirection.Outbound, "Your loyalty points", "您的会员积分", "Reminded the customer of unused loyalty points."),
        new(InteractionKind.Call, InteractionDirection.Inbound, "Call: order enquiry", "来电：订单咨询", "Customer called about an order; answered questions on delivery."),
        new(InteractionKind.Call, InteractionDirection.Outbound, "Call: follow-up on complaint", "回访：投诉跟进", "Called back to make sure the complaint was resolved."),
        new(InteractionKind.Social, InteractionDirection.Inbound, "Instagram mention", "微博提及", "Customer posted a photo of a recent purchase and tagged the shop."),
        new(InteractionKind.Social, InteractionDirection.Inbound, "Review shared on social media", "小红书评价", "Customer shared a review of a product."),
        new(InteractionKind.Note, InteractionDirection.Internal, "Note: prefers contact by e-mail", "备注：偏好邮件联系", "Customer prefers e-mail over phone calls."),
        new(InteractionKind.Note, InteractionDirection.Internal, "Note: asked not to be called during work hours", "备注：工作时间请勿来电", "Only call after 18:00."),
    ];

    public static readonly InteractionTemplate[] Business =
    [
        new(InteractionKind.Meeting, InteractionDirection.Outbound, "Quarterly business review", "季度业务回顾", "Reviewed last quarter's orders and upcoming needs."),
        new(InteractionKind.Meeting, InteractionDirection.Outbound, "Product demo", "产品演示", "Showed the new range of office and kitchen equipment."),
        new(InteractionKind.Call, InteractionDirection.Outbound, "Call: volume discount", "电话：批量折扣", "Discussed volume discounts for the next order."),
        new(InteractionKind.Call, InteractionDirection.Outbound, "Call: check-in", "电话：例行回访", "Routine check-in with the account."),
        new(InteractionKind.Call, InteractionDirection.Inbound, "Call: delivery schedule", "来电：交货安排", "Agreed delivery slots for the next bulk order."),
        new(InteractionKind.Email, InteractionDirection.Outbound, "Price list for next quarter", "下季度价格表", "Sent the updated price list."),
        new(InteractionKind.Email, InteractionDirection.Inbound, "Question about invoicing", "关于开票的问题", "The account asked for monthly consolidated invoices."),
        new(InteractionKind.Note, InteractionDirection.Internal, "Note: budget cycle starts in January", "备注：预算周期从一月开始", "Their purchasing budget is approved in January."),
    ];

    // ---- deals -------------------------------------------------------------------------------------------------

    public static readonly string[] DealTitlesEnglish =
    [
        "Office equipment refresh", "Annual supplies contract", "Team laptops", "Staff gifts for the holidays", "Kitchen equipment for the new office",
        "Monitors for the support team", "Event merchandise", "Coffee machines for all floors", "Printer fleet replacement", "Outdoor furniture for the terrace",
    ];

    public static readonly string[] DealTitlesChinese = ["办公设备更新", "年度办公用品合同", "团队笔记本电脑采购", "节日员工礼品", "新办公室厨房设备", "客服团队显示器", "活动周边", "各楼层咖啡机", "打印机更换", "露台户外家具"];

    public static readonly string[] LostReasons = ["Price too high", "Chose a competitor", "No budget this year", "No decision made", "Timing: postponed to next year", "Requirements changed"];
    public static readonly string[] NextSteps = ["Send revised proposal", "Schedule demo with the team", "Follow up on budget approval", "Call the decision maker", "Prepare contract draft", "Confirm delivery dates"];

    // ---- feedback ----------------------------------------------------------------------------------------------

    public static readonly string[] PromoterEnglish = ["Great selection and fast delivery.", "Always a smooth experience, I recommend you to friends.", "Excellent customer service!", "Good prices and quality."];
    public static readonly string[] PassiveEnglish = ["Fine overall, delivery could be faster.", "OK, but the website is a bit slow.", "Decent, nothing special."];
    public static readonly string[] DetractorEnglish = ["Delivery took far too long.", "Customer service never answered my e-mail.", "The product broke quickly.", "Returns are too complicated."];
    public static readonly string[] PromoterChinese = ["商品种类多，发货快。", "购物体验一直很好，已推荐给朋友。", "客服非常棒！", "价格实惠，质量不错。"];
    public static readonly string[] PassiveChinese = ["总体还行，配送可以再快一点。", "还可以，网站有点慢。", "一般般。"];
    public static readonly string[] DetractorChinese = ["配送太慢了。", "客服一直没有回复我的邮件。", "商品很快就坏了。", "退货流程太复杂。"];
}
