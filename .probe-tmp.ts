import { prisma } from "@/lib/db";
const m = await prisma.merchant.findFirstOrThrow({ where: { name: "Demo Store" } });
const a = await prisma.paymentTransaction.count({ where: { merchantId: m.id, orderNo: { startsWith: "%", mode: "insensitive" } } });
const b = await prisma.paymentTransaction.count({ where: { merchantId: m.id, orderNo: { startsWith: "d_", mode: "insensitive" } } });
const c = await prisma.paymentTransaction.count({ where: { merchantId: m.id, orderNo: { startsWith: "ds", mode: "insensitive" } } });
const d = await prisma.paymentTransaction.findMany({ where: { merchantId: m.id, id: { lt: "80000000-0000-0000-0000-000000000000" } }, take: 2, orderBy: { id: "desc" }, select: { id: true } });
console.log({ a, b, c, d });
await prisma.$disconnect();
